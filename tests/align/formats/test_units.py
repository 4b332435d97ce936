"""Translation units: one per bead, sides joined by a space, tuids from sentence ids."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.formats.units import (
    SKIP_EMPTY,
    SKIP_UNCONFIRMED,
    all_units,
    document_units,
    make_tuid,
    split_joined,
)
from tests.helpers import make_doc

DOC = make_doc(
    "news",
    [
        (["Бірінші.", "Екінші."], "First and second."),
        ("Үшінші.", ""),
        ("", "Added."),
        ("Төртінші.", ["Fourth.", "Really."]),
    ],
    statuses=["confirmed", "confirmed", "confirmed", "auto"],
)


def test_every_bead_is_a_unit_with_its_sentences_joined_by_one_space() -> None:
    units = all_units(DOC)
    assert [(u.bead, u.kind, u.kk, u.en) for u in units] == [
        (0, "2-1", "Бірінші. Екінші.", "First and second."),
        (1, "1-0", "Үшінші.", ""),
        (2, "0-1", "", "Added."),
        (3, "1-2", "Төртінші.", "Fourth. Really."),
    ]
    assert [u.tuid for u in units] == [
        "news:kk.s1+kk.s2:en.s1",
        "news:kk.s3:-",
        "news:-:en.s2",
        "news:kk.s4:en.s3+en.s4",
    ]
    assert units[3].status == "auto" and units[3].score == 0.9
    assert make_tuid("d", (), ("en.s1",)) == "d:-:en.s1"


def test_a_side_of_several_sentences_carries_their_lengths_and_splits_back() -> None:
    units = all_units(DOC)
    assert [(u.kk_lengths, u.en_lengths) for u in units] == [
        ((8, 7), ()),  # "Бірінші." "Екінші."
        ((), ()),
        ((), ()),
        ((), (7, 7)),  # "Fourth." "Really."
    ]
    assert split_joined(units[0].kk, units[0].kk_lengths) == ["Бірінші.", "Екінші."]
    assert split_joined(units[3].en, units[3].en_lengths) == ["Fourth.", "Really."]


# Sentences as kopir could hold them: any characters, spaces inside and at the edges,
# but never only whitespace.
SENTENCE = st.text(min_size=1, max_size=20).filter(lambda t: t.strip() != "")


@given(st.lists(SENTENCE, min_size=1, max_size=6))
def test_split_joined_undoes_the_join_whatever_the_sentences_hold(sentences: list[str]) -> None:
    lengths = tuple(len(s) for s in sentences)
    assert split_joined(" ".join(sentences), lengths) == sentences


@pytest.mark.parametrize(
    ("text", "lengths", "why"),
    [
        ("Иә. Жоқ.", (), "no lengths"),
        ("Иә. Жоқ.", (3, 0, 4), "below 1"),
        ("Иә. Жоқ.", (-1, 9), "below 1"),
        ("Иә. Жоқ.", (3, 5), "add up to 9 characters with the spaces between, the text has 8"),
        ("Иә. Жоқ.", (2, 5), "character 3 is '.', not the space between two"),
        ("Иә.   Жоқ.", (3, 1, 4), "sentence 2 would be only whitespace"),
    ],
)
def test_split_joined_refuses_lengths_that_cannot_have_made_the_text(
    text: str, lengths: tuple[int, ...], why: str
) -> None:
    with pytest.raises(ValueError, match=why):
        split_joined(text, lengths)


def test_document_units_select_like_an_export_and_count_what_they_leave_out() -> None:
    skipped: Counter[str] = Counter()
    taken = document_units(DOC, skipped=skipped)
    assert [u.bead for u in taken] == [0]
    assert skipped == {SKIP_EMPTY: 2, SKIP_UNCONFIRMED: 1}
    assert [u.bead for u in document_units(DOC, include_empty=True)] == [0, 1, 2]
    assert [u.bead for u in document_units(DOC, include_unconfirmed=True)] == [0, 3]
    assert len(document_units(DOC, include_empty=True, include_unconfirmed=True)) == 4


def test_a_document_never_aligned_has_no_units() -> None:
    doc = make_doc("raw", [("Иә.", "Yes.")])
    doc.links = []
    assert all_units(doc) == []
