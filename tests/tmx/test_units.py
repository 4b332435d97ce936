"""Translation units: one per bead, sides joined by a space, tuids from sentence ids."""

from __future__ import annotations

from collections import Counter

from align.units import SKIP_EMPTY, SKIP_UNCONFIRMED, all_units, document_units, make_tuid
from tests.tmx.conftest import make_doc

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


def test_document_units_select_like_an_export_and_count_what_they_leave_out() -> None:
    skipped: Counter[str] = Counter()
    taken = document_units(DOC, skipped=skipped)
    assert [u.bead for u in taken] == [0]
    assert skipped == {SKIP_EMPTY: 2, SKIP_UNCONFIRMED: 1}
    assert [u.bead for u in document_units(DOC, include_empty=True)] == [0, 1, 2]
    assert [u.bead for u in document_units(DOC, include_unconfirmed=True)] == [0, 3]
    assert len(document_units(DOC, True, True)) == 4


def test_a_document_never_aligned_has_no_units() -> None:
    doc = make_doc("raw", [("Иә.", "Yes.")])
    doc.links = []
    assert all_units(doc) == []
