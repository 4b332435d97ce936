"""Aligning corpus documents: import an English text, propose links, keep confirmed ones.

These are the operations behind ``kopir align DOC --en FILE`` and
``kopir realign DOC`` (and the translator app's import and realign): plain
functions on a :class:`corpus.model.Document`, which the caller saves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from align.aligner.propose import Aligner
from align.learned import Taught, corpus_lexicon
from align.model import WEAK_BELOW, Alignment, AlignmentError, Bead, IndexBead
from align.navigate import weak
from align.relatedness import UnrelatedTexts, relatedness
from align.review import load_review_cut
from corpus.errors import KopirError, Remedy
from corpus.ingest import build_translation
from corpus.model import Document, Link, Side
from corpus.storage.lock import hold
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes
from corpus.wording import plural

#: Confirmed pairs used to teach the learned lexicon, at most (IBM Model 1 in
#: nltk is pure Python: about 8 ms a pair).
MAX_LEARNING_PAIRS = 2000


def import_english(
    doc: Document, data: bytes, name: str, encoding: str | None = None, *, replace: bool = False
) -> list[str]:
    """Make ``data`` (one paragraph per line) the document's English side.

    Existing English and links are translators' work: they are only replaced
    when ``replace`` is set, and then a confirmed bead whose English sentences
    are in the new text (same words, in order) is kept, on the new sentences;
    the warnings (returned, with those about the text) say how many were not.
    """
    if (doc.en.sentences() or doc.links) and not replace:
        raise KopirError(
            f"{doc.id}: already has English ({len(doc.en.sentences())} sentences, "
            f"{len(doc.links)} beads)",
            Remedy("replace", "discard them"),
        )
    side, people, warnings = build_translation(data, name, doc.en.lang, encoding)
    old_texts = {s.id: s.text for s in doc.en.sentences()}
    confirmed = [link for link in doc.links if link.status == "confirmed"]
    doc.en = side
    doc.meta.people = [p for p in doc.meta.people if not p.id.startswith(f"{side.lang}.")] + people
    kept = _surviving(confirmed, old_texts, [(s.id, s.text) for s in side.sentences()])
    doc.links = _with_kept(doc, kept) if kept else []
    if len(kept) < len(confirmed):
        lost = len(confirmed) - len(kept)
        warnings.append(
            f"{plural(lost, 'confirmed bead')} dropped: {'its' if lost == 1 else 'their'} "
            "English is not in the new text"
        )
    return warnings


def _surviving(
    confirmed: list[Link], old_texts: dict[str, str], new: list[tuple[str, str]]
) -> list[Link]:
    """The confirmed links whose English sentences are in the new English, in order.

    Each keeps its Kazakh sentences (unchanged by an import) and takes the ids
    of the first run of new sentences after the previous kept one with the
    same texts, so the kept links stay in order on both sides.
    """
    texts = [text for _, text in new]
    kept: list[Link] = []
    start = 0
    for link in confirmed:
        wanted = [old_texts[i] for i in link.en]
        n = len(wanted)
        found = next(
            (j for j in range(start, len(texts) - n + 1) if texts[j : j + n] == wanted), None
        )
        if found is None:
            continue
        ids = tuple(sid for sid, _ in new[found : found + n])
        kept.append(replace(link, en=ids))
        start = found + n
    return kept


def _with_kept(doc: Document, kept: list[Link]) -> list[Link]:
    """Links partitioning both sides: the kept ones, every other sentence alone (unaligned)."""
    kk = [s.id for s in doc.kk.sentences()]
    en = [s.id for s in doc.en.sentences()]
    links: list[Link] = []
    k = e = 0
    for link in [*kept, None]:
        # A kept 1-0 or 0-1 link has no sentence on one side: it sits where that side is.
        k_to = (kk.index(link.kk[0]) if link.kk else k) if link else len(kk)
        e_to = (en.index(link.en[0]) if link.en else e) if link else len(en)
        links += [Link((sid,), ()) for sid in kk[k:k_to]]
        links += [Link((), (sid,)) for sid in en[e:e_to]]
        if link:
            links.append(link)
            k, e = k_to + len(link.kk), e_to + len(link.en)
    return links


def import_and_align(
    corpus: Corpus,
    doc_id: str,
    english: Path | None = None,
    encoding: str | None = None,
    *,
    replace: bool = False,
    unrelated_ok: bool = False,
) -> tuple[list[str], str]:
    """Lock a document, import ``english`` into it if given, align it and save it.

    What ``kopir align``, ``kopir realign``, ``kopir ingest --with-translations``
    and the documents screen's import and align all do; the lock keeps the
    translator app (or another command) from editing the document meanwhile.
    An imported text that does not look like a translation of the Kazakh
    (:mod:`align.relatedness`) is not stored (:class:`UnrelatedTexts`) unless
    ``unrelated_ok``. Returns the English text's warnings and the aligner's
    one-line report.

    With no ``english`` it is a re-alignment (``kopir realign DOC``, the documents
    screen's align), which no undo can take back: beads a translator changed by
    hand stay where they are, as confirmed ones do and as ``kopir realign --all``
    keeps them (only the editor's ``r``, which is undoable, re-aligns them too).
    """
    with hold(corpus.root, doc_id):
        doc = corpus.load(doc_id)
        warnings: list[str] = []
        if english is not None:
            warnings = import_english(
                doc, read_bytes(english), str(english), encoding, replace=replace
            )
        before = list(doc.links)
        report = align_document(doc, corpus, keep_manual=english is None)
        if english is None:
            report += f"; {what_moved(before, doc.links)}"
        if english is not None and not unrelated_ok:
            _refuse_unrelated(doc, english)
        corpus.save(doc)
    return warnings, report


def what_moved(before: list[Link], after: list[Link]) -> str:
    """What a re-alignment did to a document's beads, in the words ``kopir realign --all``
    uses: ``3 beads moved`` (beads of ``after`` that pair sentences ``before`` did not pair),
    ``no bead moved, confidences refreshed``, or ``left as it was``. A translator reads
    from it whether there is anything new to review."""
    moved = moved_beads(before, after)
    if moved:
        return f"{plural(moved, 'bead')} moved"
    return "left as it was" if after == before else "no bead moved, confidences refreshed"


def moved_beads(before: list[Link], after: list[Link]) -> int:
    """How many beads of ``after`` pair sentences that no bead of ``before`` paired: what a
    re-alignment gives a translator to review again (new confidences on the same pairs are
    not counted)."""
    return len({(link.kk, link.en) for link in after} - {(link.kk, link.en) for link in before})


def _refuse_unrelated(doc: Document, english: Path) -> None:
    """Raise :class:`UnrelatedTexts` if ``doc``'s new English does not look like its Kazakh's."""
    texts = {s.id: s.text for side in (doc.kk, doc.en) for s in side.sentences()}
    found = relatedness(Alignment.from_document(doc), texts.__getitem__)
    if found.unrelated:
        raise UnrelatedTexts(
            f"{doc.id}: {english.name} looks unrelated to the Kazakh text: {found.describe()}",
            Remedy("unrelated_ok", "import it all the same"),
        )


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or a one-line error saying why they cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise KopirError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _starts(alignment: Alignment) -> list[tuple[int, int]]:
    """Where each bead begins: the positions of its first Kazakh and English sentence."""
    starts = []
    k = e = 0
    for bead in alignment.beads:
        starts.append((k, e))
        k += len(bead.kk)
        e += len(bead.en)
    return starts


def paragraph_ends(side: Side) -> list[bool]:
    """For each sentence of a side, whether it ends its paragraph (block)."""
    return [n == len(b.sentences) - 1 for b in side.blocks for n in range(len(b.sentences))]


def confirmed_pairs(corpus: Corpus, skip: str | None = None) -> Iterator[tuple[str, str]]:
    """(Kazakh, English) texts of every confirmed bead with two sides in the corpus."""
    for doc_id in corpus.ids():
        if doc_id == skip:
            continue
        data = corpus.read_bytes(doc_id)
        if b"confirmed" not in data:
            continue  # no confirmed link (its subtype), so nothing to parse: most of a crawl
        yield from document_pairs(from_bytes(data, str(corpus.path(doc_id)), doc_id))


def document_pairs(doc: Document) -> Iterator[tuple[str, str]]:
    kk = {s.id: s.text for s in doc.kk.sentences()}
    en = {s.id: s.text for s in doc.en.sentences()}
    for link in doc.links:
        if link.status == "confirmed" and link.kk and link.en:
            yield " ".join(kk[i] for i in link.kk), " ".join(en[i] for i in link.en)


def align_document(
    doc: Document,
    corpus: Corpus | None = None,
    taught: Taught | None = None,
    *,
    keep_manual: bool = False,
) -> str:
    """Propose links for every unconfirmed stretch of ``doc`` and store them in it.

    Confirmed links stay (``taught``, ``keep_manual``: see :func:`propose_alignment`).
    Returns a one-line report for the user.
    """
    result, report = propose_alignment(doc, corpus, taught, keep_manual=keep_manual)
    doc.links = result.to_links()
    return report


def teaching_pairs(corpus: Corpus | None, doc: Document | None = None) -> list[tuple[str, str]]:
    """The confirmed pairs the aligner learns from: ``doc``'s own, then the corpus's.

    At most :data:`MAX_LEARNING_PAIRS`, the corpus's in document order.
    """
    pairs = list(document_pairs(doc)) if doc is not None else []
    if corpus is not None:
        for pair in confirmed_pairs(corpus, skip=None if doc is None else doc.id):
            if len(pairs) >= MAX_LEARNING_PAIRS:
                break
            pairs.append(pair)
    return pairs


def propose_alignment(
    doc: Document,
    corpus: Corpus | None = None,
    taught: Taught | None = None,
    *,
    keep_manual: bool = False,
    weak_below: float | None = None,
) -> tuple[Alignment, str]:
    """The aligner's proposal for ``doc``, confirmed beads kept, and a one-line report.

    The lexicon is the corpus's (:func:`align.learned.corpus_lexicon`): its stored
    learned entries, then the confirmed pairs of the whole corpus (this document
    included) taught on top; ``doc`` itself is not changed. ``taught`` (lexicon,
    words learned, pairs taught) is a lexicon taught already: a build of many
    documents that hold no confirmed pairs of their own teaches one for all of them
    (:func:`teaching_pairs` with no document) instead of reading the whole corpus
    and teaching it again for each. ``keep_manual`` keeps the beads a translator
    changed by hand (not confirmed, no score) where they are too, as confirmed ones
    are: a corpus-wide re-alignment nobody reviews must not undo them. The report
    counts the beads to review below ``weak_below``, by default the corpus's review
    cut (an editor passes the one it works at).
    """
    if not doc.kk.sentences() or not doc.en.sentences():
        raise KopirError(f"{doc.id}: no English to align yet: use 'kopir align {doc.id} --en FILE'")
    cut = weak_below
    if cut is None:
        cut = WEAK_BELOW if corpus is None else load_review_cut(corpus.root)
    if taught is None:
        taught = corpus_lexicon(corpus, teaching_pairs(corpus, doc))
    lexicon, learned, taught_pairs = taught

    current = Alignment.from_document(doc)
    # Every confirmed bead is an anchor, whatever its shape: a 0-1 (a
    # translator's note) or 1-0 stays exactly where it is, so each anchor goes
    # with its position on both sides (an empty side has no sentence to say it).
    kept: list[Bead] = []
    anchors: list[IndexBead] = []
    starts: list[tuple[int, int]] = []
    for bead, (k, e) in zip(current.beads, _starts(current), strict=True):
        if bead.status == "confirmed" or (keep_manual and bead.score is None):
            kept.append(bead)
            kk = tuple(range(k, k + len(bead.kk)))
            en = tuple(range(e, e + len(bead.en)))
            anchors.append(IndexBead(kk, en, bead.score if bead.score is not None else 1.0))
            starts.append((k, e))
    try:
        proposed = Aligner(lexicon=lexicon).align(
            [s.text for s in doc.kk.sentences()],
            [s.text for s in doc.en.sentences()],
            paragraph_ends(doc.kk),
            paragraph_ends(doc.en),
            anchors,
            starts,
        )
    except ValueError as exc:  # a bug, but a one-line error, never a traceback or a dead app
        raise AlignmentError(f"{doc.id}: cannot re-align: {exc}") from None
    # The aligner hands the anchors back as they were given: the same objects.
    originals = {id(anchor): bead for anchor, bead in zip(anchors, kept, strict=True)}
    beads = []
    for bead in proposed:
        original = originals.get(id(bead))
        if original is None:
            kk_ids = tuple(current.kk[i] for i in bead.kk)
            en_ids = tuple(current.en[i] for i in bead.en)
            original = Bead(kk_ids, en_ids, "auto", bead.score)
        beads.append(original)
    result = Alignment(current.kk, current.en, tuple(beads))

    kinds = Counter(b.kind for b in result.beads)
    to_review = weak(cut)
    review = sum(1 for i, b in enumerate(result.beads) if to_review(i, b))
    summary = ", ".join(f"{k}: {n}" for k, n in kinds.most_common())
    teaching = (
        f"; {plural(taught_pairs, 'confirmed pair')} taught the aligner {plural(learned, 'word')}"
        if taught_pairs
        else ""
    )
    confirmed = sum(b.status == "confirmed" for b in kept)
    manual = f", {len(kept) - confirmed} changed by hand kept" if len(kept) > confirmed else ""
    return result, (
        f"{doc.id}: {plural(len(result.beads), 'bead')} ({summary}); "
        f"{confirmed} confirmed kept{manual}, {review} to review (confidence < {cut:g})" + teaching
    )
