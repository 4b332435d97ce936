"""The corpus's review cut (align.review): where it lives, what it changes, what it means."""

from __future__ import annotations

from pathlib import Path

import pytest

from align import navigate
from align.listing import bead_views
from align.model import WEAK_BELOW, Alignment
from align.qa import ConfigError, load_config
from align.review import (
    change_review_cut,
    figures,
    load_review_cut,
    parse_figures,
    set_review_cut,
    shipped_figures,
)
from align.summary import summarize
from benchmarks.bench_align_real import tradeoff
from benchmarks.fit_calibration import CUT_GRID, cut_table
from corpus.model import Document, Link
from tests.helpers.documents import make_doc

SETTINGS = """\
# our team's settings
[checks.numbers]
severity = "error"   # exports refuse units whose numbers differ

[review]   # how far we review
weak-below = 0.6   # agreed on 3 March

[other-tool]
colour = "blue"
"""


def document() -> Document:
    """Five beads: confirmed, proposed 0.31, 0.62 and 0.92, and one changed by hand."""
    doc = make_doc("doc", [(f"Сөйлем {i}.", f"Sentence {i}.") for i in range(1, 6)])
    doc.links = [
        Link(("kk.s1",), ("en.s1",), "confirmed", None),
        Link(("kk.s2",), ("en.s2",), "auto", 0.31),
        Link(("kk.s3",), ("en.s3",), "auto", 0.62),
        Link(("kk.s4",), ("en.s4",), "auto", 0.92),
        Link(("kk.s5",), ("en.s5",), "auto", None),
    ]
    return doc


def weak_beads(doc: Document, cut: float) -> list[int]:
    alignment = Alignment.from_document(doc)
    wanted = navigate.weak(cut)
    return [i for i, bead in enumerate(alignment.beads) if wanted(i, bead)]


def test_without_a_setting_the_cut_is_half_as_before(tmp_path: Path) -> None:
    assert load_review_cut(tmp_path) == WEAK_BELOW == 0.5
    assert load_config(tmp_path).weak_below == 0.5
    doc = document()
    assert weak_beads(doc, load_review_cut(tmp_path)) == [1, 4]
    assert summarize(doc, 0.5).weak == 2


def test_a_higher_cut_makes_more_beads_weak_everywhere(tmp_path: Path) -> None:
    set_review_cut(tmp_path, 0.7)
    cut = load_review_cut(tmp_path)
    doc = document()
    assert weak_beads(doc, cut) == [1, 2, 4], "w now visits the 0.62 bead"
    alignment = Alignment.from_document(doc)
    assert navigate.next_bead(alignment, 1, navigate.weak(cut)) == 2
    assert navigate.next_bead(alignment, 1, navigate.weak(0.5)) == 4
    assert summarize(doc, cut).weak == 3
    assert [v.status for v in bead_views(doc, cut)] == [
        "confirmed", "proposed 0.31 weak", "proposed 0.62 weak", "proposed 0.92",
        "changed by hand",
    ]  # fmt: skip
    assert load_config(tmp_path).weak_below == 0.7


def test_confirmed_beads_are_never_weak_even_at_the_top_cut() -> None:
    assert weak_beads(document(), 1.0) == [1, 2, 3, 4]
    assert weak_beads(document(), 0.0) == [4], "a bead changed by hand is still w's"


def test_setting_the_cut_changes_only_its_line(tmp_path: Path) -> None:
    (tmp_path / "kopir.toml").write_text(SETTINGS, "utf-8")
    assert set_review_cut(tmp_path, "0.85") == 0.6
    text = (tmp_path / "kopir.toml").read_text("utf-8")
    assert text == SETTINGS.replace("weak-below = 0.6", "weak-below = 0.85")
    assert load_config(tmp_path).severity("numbers") == "error"


def test_a_file_without_a_review_table_gets_one_at_its_end(tmp_path: Path) -> None:
    (tmp_path / "kopir.toml").write_text("[checks.double-space]\nenabled = false", "utf-8")
    set_review_cut(tmp_path, 0.9)
    assert (tmp_path / "kopir.toml").read_text("utf-8") == (
        "[checks.double-space]\nenabled = false\n\n[review]\nweak-below = 0.90\n"
    )
    assert load_review_cut(tmp_path) == 0.9
    assert not load_config(tmp_path).enabled("double-space")


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('"high"', "review.weak-below: expected a number from 0 to 1, got a string"),
        ("1.5", "review.weak-below: expected a number from 0 to 1, got 1.5"),
        ("0.625", "review.weak-below: 0.625 has more than two decimals"),
    ],
)
def test_a_malformed_cut_in_the_file_is_a_one_line_error(
    tmp_path: Path, value: str, says: str
) -> None:
    (tmp_path / "kopir.toml").write_text(f"[review]\nweak-below = {value}\n", "utf-8")
    with pytest.raises(ConfigError) as error:
        load_review_cut(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'kopir.toml'}: {says}")
    assert "\n" not in str(error.value)
    with pytest.raises(ConfigError, match=r"review\.weak-below"):
        load_config(tmp_path)


def test_an_unknown_review_setting_is_named(tmp_path: Path) -> None:
    (tmp_path / "kopir.toml").write_text("[review]\nweak_below = 0.7\n", "utf-8")
    with pytest.raises(ConfigError, match=r"review.weak_below: unknown setting .*weak-below"):
        load_review_cut(tmp_path)


@pytest.mark.parametrize("value", ["abc", "1.2", "-0.1", "0.333", ""])
def test_a_bad_new_cut_is_refused_and_the_file_kept(tmp_path: Path, value: str) -> None:
    (tmp_path / "kopir.toml").write_text(SETTINGS, "utf-8")
    with pytest.raises(ConfigError, match=r"^review cut: "):
        set_review_cut(tmp_path, value)
    assert (tmp_path / "kopir.toml").read_text("utf-8") == SETTINGS


@pytest.mark.parametrize(
    "text",
    [
        "[review\nweak-below = 0.6\n",  # not TOML
        "review = { weak-below = 0.6 }\n",  # an inline table this edit cannot change in place
        '[review]\n"weak-below" = 0.6\n',  # a quoted key the edit would double
    ],
)
def test_a_file_kopir_cannot_edit_safely_is_left_alone(tmp_path: Path, text: str) -> None:
    (tmp_path / "kopir.toml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as error:
        set_review_cut(tmp_path, 0.7)
    assert "\n" not in str(error.value) and "kopir.toml" in str(error.value)
    assert (tmp_path / "kopir.toml").read_text("utf-8") == text


def test_a_settings_file_nested_too_deep_is_a_one_line_error(tmp_path: Path) -> None:
    """Python's TOML reader recurses into arrays: 200,000 brackets (400 kB, under the
    size limit) made every command reading kopir.toml end in 'unexpected RecursionError
    … (a bug in kopir)'."""
    text = "a = " + "[" * 200_000 + "]" * 200_000 + "\n"
    (tmp_path / "kopir.toml").write_text(text, "utf-8")
    for read in (load_review_cut, load_config, lambda root: set_review_cut(root, 0.7)):
        with pytest.raises(ConfigError) as error:
            read(tmp_path)
        assert str(error.value).startswith(f"{tmp_path / 'kopir.toml'}: not valid TOML")
        assert "\n" not in str(error.value)
    assert (tmp_path / "kopir.toml").read_text("utf-8") == text


def test_a_full_disk_names_the_settings_file_and_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a real full disk 'kopir review-cut 0.7' said only 'No space left on device'."""
    import errno

    import align.review

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    (tmp_path / "kopir.toml").write_text(SETTINGS, "utf-8")
    monkeypatch.setattr(align.review, "atomic_write", full)
    with pytest.raises(ConfigError) as error:
        set_review_cut(tmp_path, 0.7)
    assert str(error.value) == (f"{tmp_path / 'kopir.toml'}: cannot write: No space left on device")
    assert (tmp_path / "kopir.toml").read_text("utf-8") == SETTINGS


def test_a_settings_file_linked_from_a_team_folder_stays_linked(tmp_path: Path) -> None:
    """A team's shared kopir.toml, linked into each corpus: 'kopir review-cut 0.7' put a
    file of its own in the link's place, so the corpus silently stopped following the
    team's settings. The cut is now written into the linked file, as git config writes
    a linked config, and the link is kept."""
    team = tmp_path / "team.toml"
    team.write_text(SETTINGS, "utf-8")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "kopir.toml").symlink_to(team)
    set_review_cut(corpus, 0.7)
    assert (corpus / "kopir.toml").is_symlink()
    assert load_review_cut(corpus) == 0.7
    assert load_config(corpus).severity("numbers") == "error"  # the team's other settings
    assert team.read_text("utf-8") == SETTINGS.replace("weak-below = 0.6 ", "weak-below = 0.70 ")


def test_a_dangling_settings_link_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "kopir.toml").symlink_to(tmp_path / "gone.toml")
    with pytest.raises(ConfigError) as error:
        set_review_cut(tmp_path, 0.7)
    assert str(error.value).startswith(f"{tmp_path / 'kopir.toml'}: ")
    assert "\n" not in str(error.value)
    assert (tmp_path / "kopir.toml").is_symlink() and not (tmp_path / "gone.toml").exists()


def test_setting_says_what_the_cut_found_out_of_set(tmp_path: Path) -> None:
    cut, report = change_review_cut(tmp_path, "0.7")
    found = figures(0.7)
    assert cut == 0.7 and found is not None
    assert report.startswith("review cut set to 0.70 (was 0.50); measured out of set, ")
    assert f"finds {found.found_share:.0%} of the wrong beads" in report
    assert f"({found.wrong_found} of {found.wrong})" in report
    assert f"and {found.flagged_share:.0%} of the right ones" in report


def test_the_table_is_what_fit_calibration_computes() -> None:
    judged = [(0.05, False), (0.45, False), (0.45, True), (0.72, False), (0.9, True),
              (0.97, True), (0.5, True), (0.49, False)]  # fmt: skip
    rows = parse_figures(cut_table(judged, "a tiny fixture\nof eight beads"))
    assert sorted(rows) == list(CUT_GRID)
    for cut, found, wasted, _, _ in tradeoff(judged, (0.3, 0.5, 0.73, 0.95, 1.0)):
        assert rows[cut].found_share == found and rows[cut].flagged_share == wasted
    assert (rows[0.5].wrong_found, rows[0.5].wrong) == (3, 4)
    assert (rows[0.5].right_flagged, rows[0.5].right) == (1, 4), "0.5 itself is not below 0.5"


def test_the_shipped_table_covers_every_cut_a_user_can_set() -> None:
    rows = shipped_figures()
    assert sorted(rows) == list(CUT_GRID)
    found = [rows[c].wrong_found for c in CUT_GRID]
    flagged = [rows[c].right_flagged for c in CUT_GRID]
    assert found == sorted(found) and flagged == sorted(flagged), "a higher cut flags more"
    assert rows[0.0].wrong_found == 0 and rows[1.0].wrong_found == rows[1.0].wrong


@pytest.mark.parametrize("kind", ["dangling link", "folder"])
def test_settings_that_cannot_be_read_are_an_error_not_the_defaults(
    tmp_path: Path, kind: str
) -> None:
    """A kopir.toml linked to a team drive that is not mounted (or a folder of that name)
    was taken for no settings at all: every check ran with kopir's defaults and the cut
    was 0.5, so exports no longer refused what the team had made errors, and nobody was
    told."""
    path = tmp_path / "kopir.toml"
    if kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(tmp_path / "team-drive" / "kopir.toml")
    for read in (load_review_cut, load_config):
        with pytest.raises(ConfigError) as error:
            read(tmp_path)
        assert str(error.value).startswith(f"{path}: cannot read: ")
        assert "\n" not in str(error.value)


def test_a_cut_typed_with_a_decimal_comma_is_taken(tmp_path: Path) -> None:
    """Kazakh and Russian write 0,7: 'kopir review-cut 0,7' (and v in the app) refused it
    as 'not a number'."""
    cut, report = change_review_cut(tmp_path, "0,7")
    assert cut == 0.7 and load_review_cut(tmp_path) == 0.7
    assert report.startswith("review cut set to 0.70 (was 0.50)")
    with pytest.raises(ConfigError, match=r"^review cut: "):
        change_review_cut(tmp_path, "0,7,5")


def test_a_settings_file_saved_with_a_byte_order_mark_keeps_it(tmp_path: Path) -> None:
    """Windows editors may save kopir.toml with a UTF-8 byte order mark: setting the cut
    dropped it, so the file changed in one more place than its cut."""
    path = tmp_path / "kopir.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SETTINGS.encode("utf-8"))
    set_review_cut(tmp_path, 0.7)
    edited = SETTINGS.replace("weak-below = 0.6 ", "weak-below = 0.70 ")
    assert path.read_bytes() == b"\xef\xbb\xbf" + edited.encode("utf-8")
    assert load_review_cut(tmp_path) == 0.7
