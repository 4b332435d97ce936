"""The fast paths of reading a text in context give what a plain reading would.

The index reads every word of a corpus in its sentence; to be quick it splits the
text with one regular expression call, decodes only the runs of ambiguous words,
over a table of state rows, and remembers each decoded run; the guesser remembers
the rules worth trying per word ending. These tests hold them to a textbook Viterbi
over whole sentences written here, with dictionaries and nothing remembered, and to
the rules each word gives on its own.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import morphology
from corpus.morphology import analyse, analyse_text, kazakh, tagger, tokenize
from corpus.morphology.context import END, START, Options, TagModel
from corpus.morphology.kazakh import NEGLIGIBLE, Reading
from corpus.search.index import Index
from corpus.search.morphtext import SEP, encode_lemma
from corpus.storage.store import Corpus
from tests.helpers import SEEDS, seed_document

TAGS = ["NOUN", "VERB", "ADJ", "PRON", "CCONJ"]
BOUNDARY = re.compile(r"[.!?…]")


def path_score(model: TagModel, words: list[Options], chosen: list[int]) -> float:
    """The log score of one reading per word over a whole sentence (plain dictionaries)."""
    floor = model._floor
    score, prev = 0.0, START
    for word, k in zip(words, chosen, strict=True):
        score += model.log_trans.get((prev, word.states[k]), floor) + word.emits[k]
        prev = word.states[k]
    return score + model.log_trans.get((prev, END), floor)


def viterbi(model: TagModel, words: list[Options]) -> list[int]:
    """Textbook Viterbi over the whole sentence: each word's reading, by index (ties: earlier)."""
    floor = model._floor

    def trans(prev: str, tag: str) -> float:
        return model.log_trans.get((prev, tag), floor)

    first = words[0]
    best = [
        (trans(START, s) + e, [k])
        for k, (s, e) in enumerate(zip(first.states, first.emits, strict=True))
    ]
    for before, word in itertools.pairwise(words):
        best = [
            max(
                ((score + trans(before.states[j], s) + e, [*path, k])
                 for j, (score, path) in enumerate(best)),
                key=lambda item: item[0],
            )
            for k, (s, e) in enumerate(zip(word.states, word.emits, strict=True))
        ]  # fmt: skip
    last = words[-1].states
    ends = [score + trans(last[k], END) for k, (score, _path) in enumerate(best)]
    return best[ends.index(max(ends))][1]


readings = st.lists(
    st.tuples(st.sampled_from([*TAGS, "SYM"]), st.floats(0.01, 1.0)),
    min_size=1,
    max_size=3,
    unique_by=lambda r: r[0],
)


@settings(max_examples=150, deadline=None)
@given(
    bigrams=st.lists(
        st.tuples(
            st.sampled_from([START, *TAGS]), st.sampled_from([*TAGS, END]), st.integers(1, 9)
        ),
        min_size=1,
        max_size=30,
    ),
    sentences=st.lists(st.lists(readings, min_size=1, max_size=7), min_size=1, max_size=4),
)
def test_choosing_by_runs_and_remembering_them_finds_the_best_sentence_path(
    bigrams: list[tuple[str, str, int]], sentences: list[list[list[tuple[str, float]]]]
) -> None:
    model = TagModel(bigrams)
    for words in sentences:
        options = [
            model.prepare([Reading(f"w{i}", upos, (), True, weight) for upos, weight in word])
            for i, word in enumerate(words)
        ]
        for _ in range(2):  # the second time from the model's memory of decoded runs
            chosen = model.choose(options)
            indices = [o.readings.index(r) for o, r in zip(options, chosen, strict=True)]
            best = max(
                path_score(model, options, list(p))
                for p in itertools.product(*(range(len(o.readings)) for o in options))
            )
            assert math.isclose(path_score(model, options, indices), best, abs_tol=1e-9)


def plain_readings(text: str) -> list[Reading]:
    """Each word's reading in its sentence, the slow way: finditer, whole-sentence Viterbi."""
    model, out, sentence, end = tagger(), [], [], 0
    for token in tokenize(text):
        if sentence and BOUNDARY.search(text[end : token.start]):
            out += [o.readings[k] for o, k in zip(sentence, viterbi(model, sentence), strict=True)]
            sentence = []
        initial = not sentence and token.text[:1].isupper()
        read = kazakh().analyse_initial if initial else kazakh().analyse
        sentence.append(model.prepare(read(token.text)))
        end = token.end
    if sentence:
        out += [o.readings[k] for o, k in zip(sentence, viterbi(model, sentence), strict=True)]
    return out


def test_the_index_holds_each_words_reading_in_its_sentence(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    for path in sorted(SEEDS.glob("*.en.txt"))[:3]:
        corpus.save(seed_document(path.name.removesuffix(".en.txt")))
    index = Index(corpus)
    index.refresh()
    rows = index.conn.execute("SELECT kk, kk_m, en, en_m FROM units").fetchall()
    index.close()
    assert len(rows) > 50
    checked = 0
    for kk, kk_m, en, en_m in rows:
        tokens = kk_m.split()
        plain = plain_readings(kk)
        assert tokens == [encode_lemma(r.lemma) + SEP + r.upos.lower() for r in plain]
        assert [r for _t, r in analyse_text(kk)] == plain
        for token, reading in zip(tokenize(kk), plain, strict=True):
            if len(analyse(token.text)) == 1 and not token.text[:1].isupper():
                assert reading == analyse(token.text)[0]  # no choice: the word's own reading
                checked += 1
        assert en_m.split() == [
            encode_lemma(r.lemma) + SEP + r.upos.lower()
            for r in (morphology.best(t.text, "en") for t in tokenize(en))
        ]
    assert checked > 100


def test_the_remembered_rules_of_an_ending_are_the_rules_the_word_itself_gives() -> None:
    analyser = kazakh()
    words = sorted(
        {t.text.lower() for p in SEEDS.glob("*.txt") for t in tokenize(p.read_text("utf-8"))}
    )
    words = [w for w in words if w.isalpha()]
    assert len(words) > 1000
    for word in [*words, *reversed(words)]:  # the second time, from memory
        own = {
            rule: p
            for rule, p in analyser._rule_probabilities(word).items()
            if p >= NEGLIGIBLE and word.endswith(rule[0])
        }
        remembered = {rule: p for rule, p in analyser._likely_rules(word) if word.endswith(rule[0])}
        assert remembered == own
