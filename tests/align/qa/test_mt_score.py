"""MT scoring: one hypothesis line per Kazakh sentence, beads as segments, sacrebleu's scores."""

from __future__ import annotations

from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from align.formats.plain import export_source
from align.qa.mt_score import read_hypotheses, score_file, score_lines
from corpus.errors import KopirError
from corpus.storage.store import Corpus
from tests.helpers import make_doc


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """Two documents: a 2-1 bead, a 1-2 bead, a 1-0 bead and a 0-1 bead among 1-1 ones."""
    store = Corpus(tmp_path / "c")
    store.save(
        make_doc(
            "a",
            [
                ("Мен келдім.", "I came."),
                (["Ол кетті.", "Тез кетті."], "He left quickly."),
                ("Аударылмаған.", ""),
                ("Жаңбыр жауды.", ["It rained.", "A lot."]),
            ],
        )
    )
    store.save(make_doc("b", [("Күн шықты.", "The sun rose."), ("", "Added by translator.")]))
    return store


HYPS = [
    "I have come.",  # a: kk.s1
    "He went.",  # a: kk.s2 ┐ one 2-1 bead
    "Fast he left.",  # a: kk.s3 ┘
    "Not translated.",  # a: kk.s4, a 1-0 bead: not scored
    "It was raining.",  # a: kk.s5, against a 1-2 bead
    "The sun came up.",  # b: kk.s1
]
SEGMENTS_A = (
    ["I have come.", "He went. Fast he left.", "It was raining."],
    ["I came.", "He left quickly.", "It rained. A lot."],
)
SEGMENTS_B = (["The sun came up."], ["The sun rose."])


def direct(hyps: list[str], refs: list[str]) -> tuple[float, float, float]:
    return (
        BLEU().corpus_score(hyps, [refs]).score,
        CHRF(word_order=2).corpus_score(hyps, [refs]).score,
        TER().corpus_score(hyps, [refs]).score,
    )


def test_beads_are_segments_and_scores_are_sacrebleus(corpus: Corpus) -> None:
    report = score_lines(corpus, HYPS)
    a, b = report.documents
    assert (a.name, a.segments, b.name, b.segments) == ("a", 3, "b", 1)
    assert (a.bleu, a.chrf, a.ter) == pytest.approx(direct(*SEGMENTS_A))
    assert (b.bleu, b.chrf, b.ter) == pytest.approx(direct(*SEGMENTS_B))
    both = (SEGMENTS_A[0] + SEGMENTS_B[0], SEGMENTS_A[1] + SEGMENTS_B[1])
    overall = report.overall
    assert overall.segments == 4
    assert (overall.bleu, overall.chrf, overall.ter) == pytest.approx(direct(*both))
    assert set(report.signatures) == {"BLEU", "chrF++", "TER"}
    assert "nrefs:1" in report.signatures["BLEU"] and "nw:2" in report.signatures["chrF++"]
    assert all("version:" in s for s in report.signatures.values())


def test_a_perfect_translation_scores_perfectly(corpus: Corpus) -> None:
    perfect = ["I came.", "He left quickly.", "", "", "It rained. A lot.", "The sun rose."]
    overall = score_lines(corpus, perfect).overall
    assert overall.bleu == pytest.approx(100) and overall.chrf == pytest.approx(100)
    assert overall.ter == pytest.approx(0)


def test_the_line_count_must_match_the_kazakh_sentences(corpus: Corpus) -> None:
    with pytest.raises(KopirError) as error:
        score_lines(corpus, HYPS[:-1])
    message = str(error.value)
    assert "5 lines, but the corpus has 6 Kazakh sentences" in message
    assert "kopir export source" in message
    with pytest.raises(KopirError, match="the 1 documents given have 1 Kazakh sentences"):
        score_lines(corpus, HYPS, ["b"])
    assert score_lines(corpus, ["The sun came up."], ["b"]).overall.segments == 1


def test_a_line_count_that_fits_one_document_names_it(corpus: Corpus) -> None:
    """A translator who ran 'kopir export source a' and then 'kopir score' without --doc
    is told which document the file fits."""
    with pytest.raises(KopirError) as error:
        score_lines(corpus, HYPS[:5])  # document a's five Kazakh sentences
    assert "it fits a (5 Kazakh sentences): kopir score FILE --doc a" in str(error.value)
    with pytest.raises(KopirError) as error:
        score_lines(corpus, HYPS[:4])  # no document has four
    assert "--doc" not in str(error.value)


def test_unconfirmed_beads_are_scored_only_when_asked(tmp_path: Path) -> None:
    store = Corpus(tmp_path / "c")
    store.save(make_doc("a", [("Иә.", "Yes."), ("Жоқ.", "No.")], status="auto"))
    with pytest.raises(KopirError, match="no aligned pairs") as none:
        score_lines(store, ["Yes.", "No."])
    assert [r.option for r in none.value.remedies] == ["include_unconfirmed"]
    report = score_lines(store, ["Yes.", "No."], include_unconfirmed=True)
    assert report.overall.segments == 2


def test_the_source_file_and_a_hypothesis_file_line_up(corpus: Corpus, tmp_path: Path) -> None:
    source = tmp_path / "src.kk"
    export_source(corpus, None, source)
    kazakh = source.read_text("utf-8").splitlines()
    assert len(kazakh) == len(HYPS) and kazakh[1:3] == ["Ол кетті.", "Тез кетті."]
    hyp = tmp_path / "hyp.en"
    hyp.write_bytes(("\r\n".join(HYPS)).encode())  # CRLF, no final line end
    assert read_hypotheses(hyp) == HYPS
    assert score_file(corpus, hyp).overall == score_lines(corpus, HYPS).overall


def test_hypothesis_file_reading_edges(tmp_path: Path) -> None:
    path = tmp_path / "h"
    path.write_text("one\u2028still one\n\nthree\n", "utf-8")
    assert read_hypotheses(path) == ["one\u2028still one", "", "three"]
    path.write_bytes(b"\xef\xbb\xbfwith bom\n")
    assert read_hypotheses(path) == ["with bom"]
    path.write_bytes(b"")
    assert read_hypotheses(path) == []
    path.write_bytes(b"fine\nbad \xff byte\n")
    with pytest.raises(KopirError, match=r"line 2: not UTF-8"):
        read_hypotheses(path)
    with pytest.raises(KopirError, match="cannot read"):
        read_hypotheses(tmp_path / "missing")
