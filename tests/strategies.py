"""What more than one test module draws or builds: Hypothesis strategies (glued text,
random alignments) and alignments of given bead shapes over fresh sentence ids."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from align.model import Alignment, Bead


def glued_text(
    words: Sequence[str], glue: Sequence[str], starts: Sequence[str], max_pieces: int
) -> st.SearchStrategy[str]:
    """Text of 1 to ``max_pieces`` words, each followed by a piece of ``glue`` (spaces,
    punctuation, emoji…), after one of ``starts``: where a segmenter and its SRX rules
    must agree is where the pieces meet."""
    pieces = st.lists(
        st.tuples(st.sampled_from(words), st.sampled_from(glue)), min_size=1, max_size=max_pieces
    )
    return st.builds(
        lambda start, parts: start + "".join(word + after for word, after in parts),
        st.sampled_from(starts),
        pieces,
    )


# --- alignments (the model's and the edits' tests) --------------------------------


def _ids(lang: str, count: int) -> tuple[str, ...]:
    return tuple(f"{lang}.s{n}" for n in range(1, count + 1))


def make(*kinds: str, confirmed: tuple[int, ...] = ()) -> Alignment:
    """An alignment of beads of the given shapes ("1-1", "0-2", …) over fresh ids."""
    beads = []
    k = e = 0
    for i, kind in enumerate(kinds):
        a, b = map(int, kind.split("-"))
        status = "confirmed" if i in confirmed else "auto"
        kk = tuple(f"kk.s{n}" for n in range(k + 1, k + a + 1))
        en = tuple(f"en.s{n}" for n in range(e + 1, e + b + 1))
        beads.append(Bead(kk, en, status, 0.5 + i / 100))
        k, e = k + a, e + b
    return Alignment(_ids("kk", k), _ids("en", e), tuple(beads))


def kinds(al: Alignment) -> list[str]:
    return [b.kind for b in al.beads]


STATUSES = st.sampled_from(["auto", "confirmed"])
SCORES = st.none() | st.floats(0, 1)


def draw_beads(draw: st.DrawFn, kk: tuple[str, ...], en: tuple[str, ...]) -> tuple[Bead, ...]:
    """A random partition of both sequences into beads of up to three a side."""
    beads = []
    k = e = 0
    while k < len(kk) or e < len(en):
        a = draw(st.integers(0, min(3, len(kk) - k)))
        b = draw(st.integers(0, min(3, len(en) - e)))
        if a == b == 0:
            a, b = (1, 0) if k < len(kk) else (0, 1)
        beads.append(Bead(kk[k : k + a], en[e : e + b], draw(STATUSES), draw(SCORES)))
        k, e = k + a, e + b
    return tuple(beads)


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    kk = _ids("kk", draw(st.integers(0, 30)))
    en = _ids("en", draw(st.integers(0, 30)))
    return Alignment(kk, en, draw_beads(draw, kk, en))
