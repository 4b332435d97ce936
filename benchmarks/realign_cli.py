"""Scoring ``kopir build --realign`` itself: a set of gold documents through the command line.

Each document of a set becomes a pair of text files (one sentence a line) and
a manifest line; ``kopir build MANIFEST`` makes the corpus (the first pass),
then ``kopir build MANIFEST --realign`` (the pairs skipped, the pass made) the
second. Both are scored against the gold: ingest segments the text again and
leaves framing lines out of ``<s>``, so each built sentence is traced back to
the gold sentence its text comes from (:func:`trace`), a gold sentence the
corpus does not hold is left out of the gold, and a gold sentence that ingest
split in two joins the beads that hold its halves.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from align.aligner.evaluate import Scores, score
from benchmarks.synthetic import Bead
from corpus.model import Sentence
from corpus.storage.store import Corpus

Doc = tuple[list[str], list[str], list[Bead]]

#: Latin letters that Tatoeba's Kazakh sometimes has where ingest puts the Cyrillic ones.
_LOOKALIKES = str.maketrans("iaeopcxyk", "іаеорсхук")


def write_crawl(folder: Path, docs: Sequence[Doc]) -> tuple[Path, list[str]]:
    """``docs`` as text files and a TSV manifest in ``folder``; the manifest and the ids."""
    folder.mkdir(parents=True, exist_ok=True)
    ids, rows = [], []
    for n, (kk, en, _) in enumerate(docs):
        doc_id = f"doc_{n:05d}"
        (folder / f"{doc_id}.txt").write_text("\n".join(kk) + "\n", "utf-8")
        (folder / f"{doc_id}.en.txt").write_text("\n".join(en) + "\n", "utf-8")
        rows.append(f"{doc_id}.txt\t{doc_id}.en.txt\t{doc_id}")
        ids.append(doc_id)
    manifest = folder / "manifest.tsv"
    manifest.write_text("\n".join(rows) + "\n", "utf-8")
    return manifest, ids


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower().translate(_LOOKALIKES)
    return "".join(c for c in folded if c.isalnum())


def trace(built: Sequence[str], gold: Sequence[str]) -> list[int | None]:
    """For each built sentence, the gold sentence its text starts in (None: not found).

    Both sides in order: each built sentence is looked for in the gold text after
    the previous one's end, letters and digits only, case and look-alikes folded.
    """
    text, owner = "", []
    for n, sentence in enumerate(gold):
        key = _key(sentence)
        text += key
        owner += [n] * len(key)
    found: list[int | None] = []
    at = 0
    for sentence in built:
        key = _key(sentence)
        where = text.find(key, at) if key else -1
        if where < 0:
            found.append(None)
            continue
        found.append(owner[where])
        at = where + len(key)
    return found


def corpus_beads(corpus: Corpus, doc_id: str, doc: Doc) -> tuple[list[Bead], list[Bead]]:
    """(gold, built) beads of one document, both in gold sentence numbers."""
    kk, en, gold = doc
    built = corpus.load(doc_id)
    kk_of = _traced(built.kk.sentences(), kk)
    en_of = _traced(built.en.sentences(), en)
    beads: list[Bead] = []
    for link in built.links:
        k = {kk_of[i] for i in link.kk if kk_of[i] is not None}
        e = {en_of[i] for i in link.en if en_of[i] is not None}
        if not k and not e:
            continue
        if beads and (k & set(beads[-1][0]) or e & set(beads[-1][1])):  # a gold sentence split
            last_k, last_e = beads.pop()
            k, e = k | set(last_k), e | set(last_e)
        beads.append((tuple(sorted(k)), tuple(sorted(e))))
    held_kk = {i for i in kk_of.values() if i is not None}
    held_en = {i for i in en_of.values() if i is not None}
    kept = [
        (tuple(i for i in g_kk if i in held_kk), tuple(i for i in g_en if i in held_en))
        for g_kk, g_en in gold
    ]
    return [bead for bead in kept if bead[0] or bead[1]], beads


def _traced(sentences: Sequence[Sentence], gold: list[str]) -> dict[str, int | None]:
    """Each built sentence's id → its gold sentence (:func:`trace`)."""
    ids = [s.id for s in sentences]
    return dict(zip(ids, trace([s.text for s in sentences], gold), strict=True))


def score_corpus(corpus: Corpus, ids: Sequence[str], docs: Sequence[Doc]) -> Scores:
    """Strict and lax scores of the corpus's beads against the documents' gold."""
    return score(corpus_beads(corpus, doc_id, doc) for doc_id, doc in zip(ids, docs, strict=True))


def taught(corpus: Corpus) -> int:
    """How many bead pairs the corpus's last realign pass taught (its state's first line)."""
    path = corpus.root / ".kopir" / "build" / "realign.jsonl"
    header = json.loads(path.read_text("utf-8").splitlines()[0])
    return int(header["confirmed"]) + int(header["confident"])
