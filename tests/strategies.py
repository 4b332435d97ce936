"""Hypothesis strategies more than one test module draws from."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st


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
