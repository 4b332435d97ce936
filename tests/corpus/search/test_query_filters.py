"""Search filters (documents, dates, statuses, one-sided and unaligned units), sorting
and paging, and one engine serving several threads.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from corpus.search.plan import Query
from corpus.search.query import QueryEngine, search
from corpus.search.querylang import QueryError
from corpus.search.results import Hit
from corpus.storage.store import Corpus
from tests.helpers import make_corpus, query_doc


def test_filters_by_document_date_and_status(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    pairs = [("Тоқаев келді.", "Tokayev came."), ("Тоқаев кетті.", "Tokayev left.")]
    corpus.save(query_doc("old_2019", pairs, date="2019-04-08", confirmed=[1]))
    corpus.save(query_doc("new_2025", pairs, date="2025-09-18"))
    corpus.save(query_doc("undated", pairs))
    engine = QueryEngine(corpus)

    def docs(**filters: object) -> list[tuple[str, int | None]]:
        hits = engine.search(Query(kk="Тоқаев", **filters), limit=None).hits  # type: ignore[arg-type]
        return [(h.doc, h.bead) for h in hits]

    assert len(docs()) == 6
    assert docs(docs=("old_*",)) == [("old_2019", 0), ("old_2019", 1)]
    assert {d for d, _ in docs(docs=("old_2019", "undated"))} == {"old_2019", "undated"}
    assert {d for d, _ in docs(since="2020")} == {"new_2025"}
    assert {d for d, _ in docs(until="2019-04")} == {"old_2019"}
    assert {d for d, _ in docs(since="2019-04-08", until="2019-04-08")} == {"old_2019"}
    assert docs(since="2019-04-09", until="2025-09-17") == []
    assert docs(statuses=("confirmed",)) == [("old_2019", 1)]
    assert len(docs(statuses=("auto", "confirmed"))) == 6
    assert docs(statuses=("confirmed",), docs=("new_*",)) == []
    for bad, message in (
        ({"since": "2019-02-30"}, "not a real date"),
        ({"since": "yesterday"}, "use a date like"),
        ({"since": "2025", "until": "2019"}, "is after"),
        ({"docs": ("nothing_*",)}, "no document matches"),
        ({"statuses": ("done",)}, "unknown status"),
    ):
        with pytest.raises(QueryError, match=message):
            docs(**bad)


def test_unaligned_documents_are_searchable_with_an_empty_other_side(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    corpus.save(query_doc("draft", [("Тоқаев келді.", "Tokayev came.")], linked=False))
    corpus.save(query_doc("kk_only", [("Тоқаев кетті.", "")], linked=False))
    hits = search(corpus, Query(text="Тоқаев OR Tokayev"), limit=None).hits
    assert [(h.doc, h.status, h.bead, h.kk, h.en) for h in hits] == [
        ("draft", "unaligned", None, "Тоқаев келді.", ""),
        ("draft", "unaligned", None, "", "Tokayev came."),
        ("kk_only", "unaligned", None, "Тоқаев кетті.", ""),
    ]
    assert hits[1].key == "en" and hits[1].en_ids == ("en.s1",)
    assert search(corpus, Query(kk="Тоқаев", en="Tokayev")).total == 0  # not aligned yet
    assert search(corpus, Query(kk="Тоқаев", statuses=("unaligned",))).total == 2


def test_beads_with_one_side_and_with_several_sentences(tmp_path: Path) -> None:
    doc = query_doc("d", [("Бір.", "One."), ("Екі.", "")])
    doc.kk.blocks[0].sentences.append(doc.kk.blocks[0].sentences[0].__class__.plain("kk.s3", "Үш."))
    doc.links[0] = doc.links[0].__class__(("kk.s1", "kk.s3"), ("en.s1",), "confirmed", None)
    corpus = Corpus(tmp_path / "c")
    corpus.save(doc)
    (hit,) = search(corpus, Query(kk="үш")).hits
    assert (hit.bead, hit.kk, hit.en, hit.status, hit.score) == (
        0,
        "Бір. Үш.",
        "One.",
        "confirmed",
        None,
    )
    assert hit.kk_ids == ("kk.s1", "kk.s3")
    (lonely,) = search(corpus, Query(kk="екі")).hits
    assert (lonely.bead, lonely.en, lonely.en_ids) == (1, "", ())


def _corpus_for_sorting(tmp_path: Path) -> Corpus:
    rows = [
        ("ол Тоқаев әкелді", "a"), ("біз Тоқаев алды", "b"), ("сен Тоқаев ұшты", "c"),
        ("мен Тоқаев кетті", "d"), ("ана Тоқаев қалды", "e"), ("әке Тоқаев 2020", "f"),
    ]  # fmt: skip
    return make_corpus(tmp_path / "c", {"d": rows})


def test_sort_by_right_and_left_context_in_kazakh_order(tmp_path: Path) -> None:
    corpus = _corpus_for_sorting(tmp_path)
    right = [
        h.kwic().right.split()[0] for h in search(corpus, Query(kk="Тоқаев"), sort="right").hits
    ]
    assert right == ["2020", "алды", "әкелді", "кетті", "қалды", "ұшты"]
    left = [h.kwic().left.split()[-1] for h in search(corpus, Query(kk="Тоқаев"), sort="left").hits]
    assert left == ["ана", "әке", "біз", "мен", "ол", "сен"]


def test_pages_put_together_give_all_hits_in_every_order(tmp_path: Path) -> None:
    pairs = [(f"Тоқаев {i} сөз{i % 7}", f"Tokayev {i}") for i in range(53)]
    corpus = make_corpus(tmp_path / "c", {"d1": pairs, "d2": pairs[:10]})
    engine = QueryEngine(corpus)
    for query in (
        Query(kk="Тоқаев"),
        Query(kk="Тоқаев", regex=True),
        Query(kk="тоқаев", fold=True),
    ):
        for sort in ("doc", "left", "right"):
            every = engine.search(query, limit=None, sort=sort)
            assert every.total == 63
            paged: list[Hit] = []
            for offset in range(0, 70, 20):
                page = engine.search(query, limit=20, offset=offset, sort=sort)
                assert page.total == 63
                paged += page.hits
            assert paged == every.hits, (query, sort)
    hits = engine.search(Query(kk="Тоқаев"), limit=None).hits
    assert [(h.doc, h.bead) for h in hits] == [("d1", i) for i in range(53)] + [
        ("d2", i) for i in range(10)
    ]
    assert engine.search(Query(kk="Тоқаев"), limit=5, offset=1000).hits == []
    with pytest.raises(QueryError):
        engine.search(Query(kk="Тоқаев"), sort="middle")
    with pytest.raises(QueryError):
        engine.search(Query(kk="Тоқаев"), offset=-1)


def test_one_engine_serves_several_threads(news: Corpus) -> None:
    engine = QueryEngine(news)
    expected = engine.search(Query(kk="Қазақстан*"), limit=None).hits
    results: list[list[Hit]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for sort in ("doc", "right", "left", "doc"):
                hits = engine.search(Query(kk="Қазақстан*"), limit=None, sort=sort).hits
                results.append(sorted(hits, key=lambda h: (h.doc, h.position)))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 16 and all(r == expected for r in results)
