"""The project's settings: ``kopir.toml`` in the corpus directory.

A team agrees once which checks matter for its texts, and every export and
every ``kopir check`` follows that; and how far its translators review, the
confidence below which a proposed bead counts as weak (:mod:`align.review`).
The file is TOML; kopir reads only its ``[checks]`` and ``[review]`` tables
(other tools may keep other tables in the same file)::

    [checks.double-space]
    enabled = false            # do not run this check at all

    [checks.numbers]
    severity = "error"         # exports refuse units whose numbers differ

    [checks.segment-too-long]
    max-chars = 1000           # a check's own parameters, where it has any

    [review]
    weak-below = 0.7           # the review cut (default 0.5): kopir review-cut sets it

A check id kopir does not know, a key a check does not have, or a value of
the wrong type is an error naming the file and the key: a misspelt setting
that was silently ignored would leave a team believing a check was off.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from align.model import WEAK_BELOW
from align.qa.catalog import CATALOG, CHECKS, SEVERITIES, Severity
from corpus.errors import KopirError
from corpus.glossary import Glossary, load_glossary
from corpus.storage.store import SETTINGS_FILE

CONFIG_NAME = SETTINGS_FILE
MAX_CONFIG_BYTES = 1024 * 1024


class ConfigError(KopirError):
    """A configuration file kopir cannot use, explained in one line."""


@dataclass(frozen=True)
class CheckSettings:
    """How one check runs: whether at all, how serious its findings are, its parameters."""

    enabled: bool
    severity: Severity
    params: Mapping[str, int | float] = field(default_factory=dict)


@dataclass(frozen=True)
class QAConfig:
    """Settings for every check and the review cut; :meth:`default` is what kopir does
    without a file."""

    checks: Mapping[str, CheckSettings]
    source: str = "kopir's defaults"
    #: A bead the aligner proposed is weak below this confidence (``[review] weak-below``).
    weak_below: float = WEAK_BELOW
    #: The corpus's glossary, which the ``glossary-term`` check looks for (``glossary.tbx``).
    glossary: Glossary = field(default_factory=Glossary)

    @classmethod
    def default(cls) -> QAConfig:
        return cls({c.id: CheckSettings(True, c.severity, dict(c.params)) for c in CATALOG})

    def enabled(self, check: str) -> bool:
        return self.checks[check].enabled

    def severity(self, check: str) -> Severity:
        return self.checks[check].severity

    def param(self, check: str, name: str) -> int | float:
        return self.checks[check].params[name]

    @property
    def min_pairs(self) -> int:
        """Aligned pairs the length check needs before it calibrates on the corpus."""
        return int(self.param("length-ratio", "min-pairs"))


def load_config(corpus_root: Path) -> QAConfig:
    """The settings in ``corpus_root/kopir.toml``, or the defaults when there is no file,
    with the corpus's glossary (``glossary.tbx``) for the glossary check."""
    data, name = read_settings(corpus_root)
    config = QAConfig.default() if data is None else parse_config(data, name)
    glossary = load_glossary(corpus_root)
    return replace(config, glossary=glossary) if glossary else config


def read_settings(corpus_root: Path) -> tuple[bytes | None, str]:
    """The bytes of ``corpus_root/kopir.toml`` (``None`` when there is none) and its name
    for messages."""
    path = Path(corpus_root) / CONFIG_NAME
    try:
        if not path.is_file():
            if path.is_symlink():  # a team's settings on a drive not mounted, say
                raise ConfigError(f"{path}: cannot read: a symbolic link to no file")
            if path.exists():
                raise ConfigError(f"{path}: cannot read: a folder, a pipe or a device")
            return None, str(path)
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: over {MAX_CONFIG_BYTES:,} bytes; not a settings file")
        return path.read_bytes(), str(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def settings_table(data: bytes, name: str) -> dict:
    """The TOML tables of a ``kopir.toml``'s bytes; ``name`` is for messages."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{name}: not UTF-8 (byte {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: not valid TOML: {exc}") from None
    except RecursionError:  # the reader recurses into arrays and inline tables
        raise ConfigError(f"{name}: not valid TOML: nested too deeply") from None


def parse_config(data: bytes, name: str) -> QAConfig:
    """Settings from the bytes of a ``kopir.toml``; ``name`` is for messages."""
    table = settings_table(data, name)
    checks = table.get("checks", {})
    if not isinstance(checks, dict):
        raise ConfigError(f"{name}: 'checks' must be a table ([checks.ID] sections)")
    settings = dict(QAConfig.default().checks)
    for check_id, values in checks.items():
        settings[check_id] = _check_settings(name, check_id, values)
    return QAConfig(settings, name, review_cut(table, name))


#: The keys of ``[review]``.
REVIEW_KEYS = ("weak-below",)


def review_cut(table: Mapping[str, object], name: str) -> float:
    """The review cut a settings file's tables set (``[review] weak-below``), else 0.5.

    A number from 0 to 1 with at most two decimals, as the editor shows confidences
    (``proposed 0.62 weak``): a cut of 0.625 would flag a bead shown as 0.62 and pass
    another shown as 0.63 for no reason a translator can see.
    """
    review = table.get("review", {})
    if not isinstance(review, dict):
        raise ConfigError(f"{name}: 'review' must be a table ([review] weak-below = 0.7)")
    for key in review:
        if key not in REVIEW_KEYS:
            raise ConfigError(
                f"{name}: review.{key}: unknown setting '{key}' "
                f"([review] has: {', '.join(REVIEW_KEYS)})"
            )
    value = review.get("weak-below", WEAK_BELOW)
    return checked_cut(value, f"{name}: review.weak-below")


def checked_cut(value: object, where: str) -> float:
    """``value`` as a review cut, or a :class:`ConfigError` saying what is wrong with it."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}: expected a number from 0 to 1, got {_type(value)}")
    if not 0 <= value <= 1:
        raise ConfigError(f"{where}: expected a number from 0 to 1, got {value!r}")
    if round(value, 2) != value:
        raise ConfigError(
            f"{where}: {value!r} has more than two decimals "
            "(confidences are shown to two: 0.62, 0.63)"
        )
    return float(value)


def _check_settings(name: str, check_id: str, values: object) -> CheckSettings:
    info = CHECKS.get(check_id)
    if info is None:
        close = difflib.get_close_matches(check_id, CHECKS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ConfigError(
            f"{name}: [checks.{check_id}]: unknown check '{check_id}'{hint} "
            f"(kopir check --list shows them all)"
        )
    if not isinstance(values, dict):
        raise ConfigError(f"{name}: checks.{check_id} must be a table, not {_type(values)}")
    enabled, severity = True, info.severity
    params = dict(info.params)
    for key, value in values.items():
        where = f"{name}: checks.{check_id}.{key}"
        if key == "enabled":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: expected true or false, got {_type(value)}")
            enabled = value
        elif key == "severity":
            if value not in SEVERITIES:
                raise ConfigError(
                    f"{where}: expected one of {', '.join(map(repr, SEVERITIES))}, got {value!r}"
                )
            severity = cast(Severity, value)
        elif key in info.params:
            params[key] = _number(where, value, info.params[key])
        else:
            allowed = ["enabled", "severity", *info.params]
            raise ConfigError(
                f"{where}: unknown setting '{key}' (this check has: {', '.join(allowed)})"
            )
    return CheckSettings(enabled, severity, params)


def _number(where: str, value: object, default: int | float) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}: expected a number, got {_type(value)}")
    if isinstance(default, int) and not isinstance(value, int):
        raise ConfigError(f"{where}: expected a whole number, got {value!r}")
    if not value > 0:
        raise ConfigError(f"{where}: expected a number above 0, got {value!r}")
    return value


def _type(value: object) -> str:
    names = {bool: "a boolean", str: "a string", int: "a number", float: "a number"}
    names |= {list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)
