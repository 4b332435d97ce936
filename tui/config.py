"""The translator's own settings: key bindings, remapped by binding id.

The file is TOML, at ``$KOPIR_CONFIG``, else ``$XDG_CONFIG_HOME/kopir/config.toml``,
else ``~/.config/kopir/config.toml``; it is optional. Example::

    [keys]
    "editor.confirm" = "enter"          # confirm with Enter instead of Space
    "editor.edit" = "e,f2"              # several keys: comma-separated
    "editor.undo" = "ctrl+z"

``kopir keys`` lists every binding id with its default keys.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from textual.keys import REPLACED_KEYS, Keys, _character_to_key, key_to_character

from corpus.errors import KopirError

ENV_VAR = "KOPIR_CONFIG"


#: Modifiers Textual reads in a key name (``ctrl+shift+f1``).
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
#: Named keys without a modifier: ``enter``, ``f5``, ``pageup``…
NAMED_KEYS = frozenset(k.value for k in Keys if "+" not in k.value and not k.value.startswith("<"))


@dataclass(frozen=True)
class BindingScope:
    """Bindings live at the same time (a screen's and the app's): (id, default keys, action)."""

    name: str
    bindings: list[tuple[str | None, str, str]]


@dataclass
class UserConfig:
    path: Path | None = None  # where it was read from, if anywhere
    keymap: dict[str, str] = field(default_factory=dict)


def config_path() -> Path:
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "kopir" / "config.toml"


def load_config(
    path: Path | None = None,
    known_ids: set[str] | None = None,
    scopes: list[BindingScope] | None = None,
) -> UserConfig:
    """Read the user's settings; a missing file is no settings, a broken one an error.

    A key name Textual would never send, or a key the keymap leaves bound to
    two actions in one scope, is an error too: either would silently leave an
    action without its key, which a translator finds out mid-document.
    """
    path = path or config_path()
    if not path.is_file():
        return UserConfig()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KopirError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise KopirError(f"{path}: not valid TOML: {exc}") from None
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise KopirError(f'{path}: [keys] must be a table of binding id = "keys"')
    keymap = {}
    for binding_id, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            raise KopirError(f'{path}: keys.{binding_id} must be a string such as "ctrl+s"')
        if known_ids is not None and binding_id not in known_ids:
            raise KopirError(
                f"{path}: unknown binding id {binding_id!r} (see 'kopir keys' for the list)"
            )
        keys_given = [k.strip() for k in value.split(",")]
        for key in keys_given:
            if not valid_key(key):
                raise KopirError(
                    f"{path}: keys.{binding_id}: {key!r} is not a key name (write keys as "
                    f"'kopir keys' lists them: ctrl+s, f2, enter, question_mark, a)"
                )
        keymap[binding_id] = ",".join(keys_given)
    for scope in scopes or []:
        _check_no_key_twice(path, keymap, scope)
    return UserConfig(path, keymap)


def valid_key(key: str) -> bool:
    """Whether Textual can send ``key``: modifiers, then one character or a key's name."""
    if key == "+":
        return True
    *modifiers, base = key.split("+")
    if not base or any(m not in MODIFIERS for m in modifiers):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    return base in NAMED_KEYS or _named_character(base)


def _named_character(name: str) -> bool:
    """Whether ``name`` is the name Textual gives a character (``full_stop``, ``slash``)."""
    char = key_to_character(REPLACED_KEYS.get(name, name))
    return char is not None and _character_to_key(char) == name


def _normal(key: str) -> str:
    """The form Textual matches (``?`` and ``question_mark`` are one key)."""
    return _character_to_key(key) if len(key) == 1 else key


def _check_no_key_twice(path: Path, keymap: dict[str, str], scope: BindingScope) -> None:
    """Refuse a key that, after the keymap, two bindings of one scope share (one a remapped one)."""
    owner: dict[str, tuple[str, bool]] = {}
    for binding_id, default, action in scope.bindings:
        remapped = binding_id is not None and binding_id in keymap
        keys = keymap[binding_id] if remapped else default
        name = binding_id or action
        for key in {_normal(k.strip()) for k in keys.split(",")}:
            if key not in owner:
                owner[key] = (name, remapped)
                continue
            other, other_remapped = owner[key]
            if other != name and (remapped or other_remapped):
                raise KopirError(
                    f"{path}: the key {key!r} is bound to both {other} and {name} "
                    f"({scope.name}): give one of them another key"
                )
