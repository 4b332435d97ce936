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

from corpus.errors import KopirError

ENV_VAR = "KOPIR_CONFIG"


@dataclass
class UserConfig:
    path: Path | None = None  # where it was read from, if anywhere
    keymap: dict[str, str] = field(default_factory=dict)


def config_path() -> Path:
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "kopir" / "config.toml"


def load_config(path: Path | None = None, known_ids: set[str] | None = None) -> UserConfig:
    """Read the user's settings; a missing file is no settings, a broken one an error."""
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
        keymap[binding_id] = ",".join(k.strip() for k in value.split(","))
    return UserConfig(path, keymap)
