"""The bead table's and minimap's layout: ``changed_span`` finds the smallest run of
beads a change replaced, so that only those are measured again.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(deadline=None)  # a per-example time limit fails on a loaded machine
@given(
    old=st.lists(st.integers(0, 3), max_size=30),
    start=st.integers(0, 30),
    length=st.integers(0, 5),
    insert=st.lists(st.integers(0, 3), max_size=5),
)
def test_changed_span_finds_the_smallest_replaced_run(
    old: list[int], start: int, length: int, insert: list[int]
) -> None:
    from tui.widgets.layout import changed_span

    start = min(start, len(old))
    before = tuple(old)
    after = before[:start] + tuple(insert) + before[start + length :]
    head, old_end, new_end = changed_span(before, after)
    assert before[:head] == after[:head] and before[old_end:] == after[new_end:]
    assert before[:head] + after[head:new_end] + before[old_end:] == after
    assert head <= old_end and head <= new_end
    # nothing shorter: a non-empty run starts and ends with a difference
    if old_end > head and new_end > head:
        assert before[head] != after[head] and before[old_end - 1] != after[new_end - 1]
