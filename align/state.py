"""What an editing session holds at one moment, and the text edit that makes the next one.

State is copy-on-write: an edit builds new ``Side`` block lists and a new
``Alignment`` and never changes the old ones, so undo keeps references to
states and a background thread can save one while the translator types.
:func:`edit_texts` is the edit of sentence text (editing, splitting, merging,
typing a translation, deleting a side); alignment operations are
``align.edit``'s, applied by the session.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from align.model import Alignment, Bead
from align.provenance import keep_originals, stamp_run
from corpus.model import Block, BlockKind, Link, Sentence, Side, Stamp

#: The links made for beads, by the bead's id (the bead kept, so that the id stays its).
LinkMemo = dict[int, tuple[Bead, Link]]


@dataclass(frozen=True)
class State:
    """What the translator sees at one moment; never changed, only replaced."""

    kk: Side
    en: Side
    alignment: Alignment
    sentences: dict[str, Sentence]  # by id, both sides: shared by states with the same text


def links_of(alignment: Alignment, known: LinkMemo) -> tuple[list[Link], LinkMemo]:
    """The beads as links, taking from ``known`` the link of every bead it has; the new memo.

    Beads are shared by the states before and after an edit, so a session's
    snapshot after an edit makes links for the changed beads only, and the
    autosave's TEI writer, which remembers what it wrote by the object
    (``corpus.storage.teiwrite``), finds the other links' bytes.
    """
    memo: LinkMemo = {}
    links = []
    for bead in alignment.beads:
        entry = known.get(id(bead))
        if entry is None or entry[0] is not bead:
            link = Link(bead.kk, bead.en, bead.status, bead.score, bead.created, bead.changed)
            entry = (bead, link)
        memo[id(bead)] = entry
        links.append(entry[1])
    return links, memo


def edit_texts(
    state: State, bead_index: int, lang: str, texts: list[str], next_number: int, stamp: Stamp
) -> tuple[State, int] | None:
    """``state`` with the sentences of one side of a bead replaced by ``texts``, one each.

    Sentences whose text is unchanged keep their id and any recorded repairs;
    new ones are numbered on from ``next_number`` (returned advanced). The
    edited bead is stamped. None when the texts are those the bead has.
    """
    al = state.alignment
    bead = al.beads[bead_index]
    side = state.kk if lang == "kk" else state.en
    old_ids = bead.side(lang)
    old = {sid: state.sentences[sid] for sid in old_ids}
    new_sentences: list[Sentence] = []
    for n, text in enumerate(texts):
        if n < len(old_ids):
            keep = old[old_ids[n]]
            new_sentences.append(keep if keep.text == text else Sentence.plain(keep.id, text))
        else:
            new_sentences.append(Sentence.plain(f"{lang}.s{next_number}", text))
            next_number += 1
    if [s.text for s in new_sentences] == [old[i].text for i in old_ids]:
        return None
    if lang == "kk":
        new_sentences = keep_originals([old[i] for i in old_ids], new_sentences)
    before, after = _neighbours(al, bead_index, lang)
    new_side = None
    if not old_ids and new_sentences:
        # A translation typed where the side had none opens a block wherever the
        # other side's sentences open one, so the English of a Kazakh-only document
        # gets the Kazakh's headline and paragraphs, not one paragraph of it all.
        opened = _opened_block(state, bead_index, lang)
        if opened is not None:
            new_side = _insert_block(
                side, al.ids(lang), replace(opened, sentences=new_sentences), before, after
            )
    if new_side is None:
        new_side = _replace_run(side, al.ids(lang), old_ids, new_sentences, before, after)
    new_ids = tuple(s.id for s in new_sentences)
    alignment = al.replace_sentences(bead_index, lang, new_ids, before)
    if len(alignment.beads) == len(al.beads):
        edited = alignment.beads[bead_index]
        alignment = alignment.splice(
            bead_index, bead_index + 1, stamp_run((bead,), (edited,), stamp)
        )
    kk_side = new_side if lang == "kk" else state.kk
    en_side = new_side if lang == "en" else state.en
    sentences = dict(state.sentences)
    for sid in old_ids:
        del sentences[sid]
    sentences.update((s.id, s) for s in new_sentences)
    return State(kk_side, en_side, alignment, sentences), next_number


def _other(lang: str) -> str:
    return "en" if lang == "kk" else "kk"


#: The kinds of block a typed translation mirrors; a speaker line outside its speech
#: cannot be written, so its translation opens a paragraph.
_MIRRORED = (BlockKind.HEAD, BlockKind.P, BlockKind.DATELINE, BlockKind.SIGNED)


def _opened_block(state: State, bead_index: int, lang: str) -> Block | None:
    """An empty block for a translation typed into bead ``bead_index``'s empty ``lang``
    side, if the other side puts its sentences in another block than the previous
    translated bead's (or, with none before, if they open their block); else None.

    The block is of the kind of the other side's (a headline's translation is a headline).
    """
    al = state.alignment
    other = _other(lang)
    other_ids = al.beads[bead_index].side(other)
    if not other_ids:
        return None
    other_side = state.kk if other == "kk" else state.en
    order = al.ids(other)
    (held,) = _blocks_holding(other_side, order, {other_ids[0]})
    block = other_side.blocks[held]
    previous = next((b for b in reversed(al.beads[:bead_index]) if b.side(lang)), None)
    if previous is not None and previous.side(other):
        if _blocks_holding(other_side, order, {previous.side(other)[-1]}) == {held}:
            return None
    elif block.sentences[0].id != other_ids[0]:
        return None
    return mirrored(block, [])


def mirrored(block: Block, sentences: list[Sentence]) -> Block:
    """A block of ``sentences`` like ``block`` of the other side (a headline's translation
    is a headline), a paragraph where that kind cannot stand alone (a speaker line)."""
    if block.kind in _MIRRORED:
        return Block(block.kind, sentences, type=block.type)
    return Block(BlockKind.P, sentences)


def _insert_block(
    side: Side, order: tuple[str, ...], block: Block, before: str | None, after: str | None
) -> Side | None:
    """``side`` with ``block`` between the sentences ``before`` and ``after``.

    None when that place is inside a block (``before`` not the last sentence of
    its block, or ``after`` not the first of its): the sentences then join it.
    ``order`` is the side's sentence ids in document order.
    """
    blocks = side.blocks
    at = len(blocks)
    if before is not None or after is not None:
        (n,) = _blocks_holding(side, order, {before or after})
        held = blocks[n].sentences
        if before is not None and held[-1].id != before:
            return None
        if before is None and held[0].id != after:
            return None
        at = n + 1 if before is not None else n
    return Side(side.lang, [*blocks[:at], block, *blocks[at:]])


def _neighbours(al: Alignment, i: int, lang: str) -> tuple[str | None, str | None]:
    """The last sentence of ``lang`` before bead i and the first after it (for insertion)."""
    before = next((b.side(lang)[-1] for b in reversed(al.beads[:i]) if b.side(lang)), None)
    after = next((b.side(lang)[0] for b in al.beads[i + 1 :] if b.side(lang)), None)
    return before, after


def _blocks_holding(side: Side, order: tuple[str, ...], ids: set[str]) -> set[int]:
    """Indices of the blocks of ``side`` that hold any of ``ids``.

    ``order`` is the side's sentence ids in document order (the alignment
    keeps it), so each id's position is found at C speed and mapped to its
    block by counting block lengths, without visiting every sentence.
    """
    positions = sorted(order.index(sid) for sid in ids)
    found: set[int] = set()
    start = 0
    at = 0
    for n, block in enumerate(side.blocks):
        end = start + len(block.sentences)
        while at < len(positions) and positions[at] < end:
            found.add(n)
            at += 1
        if at == len(positions):
            break
        start = end
    return found


def _replace_run(
    side: Side,
    order: tuple[str, ...],
    old_ids: tuple[str, ...],
    new: list[Sentence],
    before: str | None,
    after: str | None,
) -> Side:
    """A new side with the sentences ``old_ids`` replaced by ``new`` (copy-on-write).

    The new sentences go where the first old one was; with no old ones, right
    after ``before`` (same block), else right before ``after``, else into a
    new paragraph at the end. Blocks left without sentences disappear. Only
    the blocks holding those sentences are rebuilt (``order``: the side's ids).
    """
    gone = set(old_ids)
    anchor = old_ids[0] if old_ids else None
    touched = _blocks_holding(side, order, {sid for sid in (*old_ids, before, after) if sid})
    placed = False
    blocks: list[Block] = []
    for n, block in enumerate(side.blocks):
        if block.kind is BlockKind.FW or n not in touched:
            blocks.append(block)
            continue
        sentences: list[Sentence] = []
        for s in block.sentences:
            if not placed and s.id == after and anchor is None and before is None:
                sentences.extend(new)
                placed = True
            if s.id == anchor:
                sentences.extend(new)
                placed = True
            elif s.id not in gone:
                sentences.append(s)
            if not placed and s.id == before and anchor is None:
                sentences.extend(new)
                placed = True
        if len(sentences) == len(block.sentences) and all(
            a is b for a, b in zip(sentences, block.sentences, strict=True)
        ):
            blocks.append(block)  # a neighbour's block, as it was: kept, not copied
        elif sentences:
            blocks.append(replace(block, sentences=sentences))
    if not placed and new:
        blocks.append(Block(BlockKind.P, list(new)))
    return Side(side.lang, blocks)
