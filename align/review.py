"""How far a corpus's translators review: its review cut, and what a cut finds.

A bead the aligner proposed is *weak* when its confidence is below the corpus's review
cut: the editor's ``w`` jumps to it, its gutter shows ``?``, and it counts among the weak
beads of ``kopir ls``, ``kopir show --beads``, the documents screen and a build. Confirmed
beads and beads changed by hand are never weak (``w`` visits the latter too). The
confidences are calibrated probabilities that a bead is right, so a cut is a trade: 0.5
finds under a third of the wrong beads, 0.9 nearly all of them at one right bead in three
reviewed for nothing. A translator on a client job wants the second, one skimming a large
corpus the first, so the cut is the corpus's setting, ``[review] weak-below`` in its
``kopir.toml`` (:func:`align.qa.config.review_cut` reads and checks it; default 0.5).

:func:`set_review_cut` changes that one line and leaves the rest of the file as it was;
:func:`figures` says what a cut found out of set when the calibration was fitted, from
``align/data/review_cuts.tsv``, which ``python -m benchmarks.fit_calibration --write-cuts``
writes.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from align.model import WEAK_BELOW
from align.qa.config import (
    CONFIG_NAME,
    ConfigError,
    checked_cut,
    read_settings,
    review_cut,
    settings_table,
)
from corpus.errors import KopirError
from corpus.storage.atomic import atomic_write
from corpus.storage.lock import corpus_folder_lock
from corpus.storage.readonly import CorpusReadOnly, is_read_only

#: The out-of-set figures of every cut from 0.00 to 1.00, as the package ships them.
FIGURES_FILE = "review_cuts.tsv"
#: Its columns, in order.
COLUMNS = ("cut", "wrong_found", "wrong", "right_flagged", "right")

_HEADER = re.compile(r"^\s*\[\s*review\s*\]\s*(#.*)?$")
_TABLE = re.compile(r"^\s*\[")
_KEY = re.compile(r"^(\s*weak-below\s*=\s*)[^#]*?(\s*(#.*)?)$")


def load_review_cut(corpus_root: Path) -> float:
    """The corpus's review cut: ``[review] weak-below`` of its ``kopir.toml``, else 0.5."""
    data, name = read_settings(corpus_root)
    return review_cut({} if data is None else settings_table(data, name), name)


def review_cut_or_default(corpus_root: Path) -> tuple[float, KopirError | None]:
    """The corpus's review cut, or 0.5 and why when its settings file cannot give one:
    for the editor and the documents screen, which show the documents all the same."""
    try:
        return load_review_cut(corpus_root), None
    except KopirError as exc:
        return WEAK_BELOW, exc


def set_review_cut(corpus_root: Path, cut: object) -> float:
    """Make ``cut`` the corpus's review cut; returns the cut it replaces.

    Only the ``weak-below`` line of ``[review]`` changes (added, with the table, if
    missing): the checks' settings, comments and other tools' tables stay as they were.
    A file that is not valid TOML, or that sets the cut in a form this edit cannot
    change in place (an inline table, a dotted key), is an error and is left alone;
    the write is atomic and one setter waits for another.
    """
    value = _checked(cut)
    root = Path(corpus_root)
    path = _settings_path(root / CONFIG_NAME)
    with corpus_folder_lock(root, ConfigError):
        data, name = read_settings(root)
        before = {} if data is None else settings_table(data, name)
        old = review_cut(before, name)
        text = "" if data is None else data.decode("utf-8-sig")
        edited = _with_cut(text, value)
        try:
            after = settings_table(edited.encode("utf-8"), name)
        except ConfigError:  # a key written so that the edit doubled it ("weak-below" = …)
            after = None
        if after != _expected(before, value):
            raise ConfigError(
                f"{name}: cannot change the review cut in place here; "
                f"write it there as '[review]' then 'weak-below = {value:.2f}'"
            )
        bom = codecs.BOM_UTF8 if data is not None and data.startswith(codecs.BOM_UTF8) else b""
        try:
            atomic_write(path, bom + edited.encode("utf-8"))
        except OSError as exc:
            if is_read_only(exc):
                raise CorpusReadOnly(root, exc) from None
            raise ConfigError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return old


def _settings_path(path: Path) -> Path:
    """Where to write the settings of ``path``: the file it links to, if it is a link (a
    team's shared settings, linked into each corpus: the link is kept, as git config keeps
    a linked config), else ``path``."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise ConfigError(
            f"{path}: a symbolic link to no file (missing, or a loop); "
            "remove it or make it point to the settings file"
        ) from None


def change_review_cut(corpus_root: Path, value: object) -> tuple[float, str]:
    """Make ``value`` (a number, or text such as ``"0.7"``) the corpus's review cut; returns
    it and one line saying what changed and what the cut finds: what ``kopir review-cut
    VALUE`` prints and the app shows."""
    cut = _checked(value)
    old = set_review_cut(corpus_root, cut)
    was = f"was {old:.2f}" if old != cut else "unchanged"
    return cut, f"review cut set to {cut:.2f} ({was}); {what_cut_means(cut)}"


def _checked(cut: object) -> float:
    """A cut given as a number or as typed on the command line or in a dialog (``"0.7"``,
    or ``"0,7"`` as Kazakh and Russian write it), checked: a number from 0 to 1."""
    where = "review cut"
    if isinstance(cut, str):
        try:
            cut = float(cut.strip().replace(",", ".", 1))
        except ValueError:
            raise ConfigError(f"{where}: expected a number from 0 to 1, got {cut!r}") from None
    return checked_cut(cut, where)


def _with_cut(text: str, cut: float) -> str:
    """``text`` with its ``[review]`` table's ``weak-below`` set to ``cut``."""
    line = f"weak-below = {cut:.2f}"
    lines = text.splitlines(keepends=True)
    header = next((i for i, s in enumerate(lines) if _HEADER.match(s)), None)
    if header is None:
        sep = "" if not text or text.endswith("\n") else "\n"
        gap = "\n" if text.strip() else ""
        return f"{text}{sep}{gap}[review]\n{line}\n"
    end = next((i for i in range(header + 1, len(lines)) if _TABLE.match(lines[i])), len(lines))
    for i in range(header + 1, end):
        match = _KEY.match(lines[i].rstrip("\r\n"))
        if match:
            newline = lines[i][len(lines[i].rstrip("\r\n")) :]
            lines[i] = f"{match.group(1)}{cut:.2f}{match.group(2)}{newline}"
            return "".join(lines)
    newline = lines[header][len(lines[header].rstrip("\r\n")) :] or "\n"
    lines.insert(header + 1, line + newline)
    if not lines[header].endswith(("\n", "\r")):
        lines[header] += "\n"
    return "".join(lines)


def _expected(before: dict, cut: float) -> dict:
    """The tables a settings file should read as once its cut is ``cut``."""
    review = dict(before.get("review", {})) | {"weak-below": cut}
    return {**before, "review": review}


@dataclass(frozen=True)
class CutFigures:
    """What reviewing every proposed bead below ``cut`` found, measured out of set."""

    cut: float
    wrong_found: int  # wrong beads below the cut
    wrong: int  # wrong beads in all
    right_flagged: int  # right beads below the cut: reviewed for nothing
    right: int

    @property
    def found_share(self) -> float:
        return self.wrong_found / self.wrong if self.wrong else 0.0

    @property
    def flagged_share(self) -> float:
        return self.right_flagged / self.right if self.right else 0.0

    def describe(self) -> str:
        """``reviewing below 0.70 finds 57% of the wrong beads (97 of 171) and 11% of …``."""
        return (
            f"reviewing below {self.cut:.2f} finds {self.found_share:.0%} of the wrong beads "
            f"({self.wrong_found} of {self.wrong}) and {self.flagged_share:.0%} "
            f"of the right ones ({self.right_flagged} of {self.right})"
        )


def parse_figures(text: str) -> dict[float, CutFigures]:
    """The rows of a figures file by cut (lines starting ``#`` are notes)."""
    rows: dict[float, CutFigures] = {}
    lines = [s for s in text.splitlines() if s.strip() and not s.startswith("#")]
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise ValueError(f"a review cut table starts with the columns {', '.join(COLUMNS)}")
    for line in lines[1:]:
        cut, *counts = line.split("\t")
        rows[round(float(cut), 2)] = CutFigures(round(float(cut), 2), *map(int, counts))
    return rows


@cache
def shipped_figures() -> dict[float, CutFigures]:
    return parse_figures(files("align").joinpath("data", FIGURES_FILE).read_text("utf-8"))


def figures(cut: float) -> CutFigures | None:
    """What ``cut`` found out of set when the calibration was fitted (``None``: not measured)."""
    return shipped_figures().get(round(cut, 2))


def what_cut_means(cut: float) -> str:
    """What a cut found, as a sentence for the user who sets it."""
    found = figures(cut)
    if found is None:
        return f"reviewing below {cut:.2f}: not measured"
    return f"measured out of set, {found.describe()}"


#: The cuts :func:`review_cut_report` lists for a translator choosing one.
SHOWN_CUTS = (0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def cut_table(cut: float) -> list[str]:
    """What the usual cuts and ``cut`` (marked) find, as the lines of a small table."""
    lines = ["review below   wrong beads found   right beads reviewed"]
    for shown in sorted({*SHOWN_CUTS, round(cut, 2)}):
        found = figures(shown)
        if found is None:
            continue
        mark = "  ◀ now" if shown == round(cut, 2) else ""
        lines.append(
            f"{shown:>12.2f}   {found.found_share:>11.0%} ({found.wrong_found:>3})   "
            f"{found.flagged_share:>14.0%} ({found.right_flagged:>3}){mark}"
        )
    return lines


def review_cut_report(corpus_root: Path) -> list[str]:
    """The corpus's review cut, where it is set, what it finds, and what other cuts find:
    the lines ``kopir review-cut`` prints and the app's dialog shows."""
    data, name = read_settings(corpus_root)
    table = {} if data is None else settings_table(data, name)
    cut = review_cut(table, name)
    where = (
        f"[review] weak-below in {name}"
        if "weak-below" in table.get("review", {})
        else "kopir's default; kopir review-cut VALUE sets it"
    )
    lines = [f"review cut {cut:.2f} ({where})", what_cut_means(cut), "", *cut_table(cut)]
    if shipped_figures():
        any_row = next(iter(shipped_figures().values()))
        lines.append(
            f"(of {any_row.wrong} wrong and {any_row.right} right beads of the development pairs,"
        )
        lines.append(" each set's scored by a calibration fitted on the other sets)")
    return lines
