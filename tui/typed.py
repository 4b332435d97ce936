"""Typed access to the kopir app from its screens and dialogs.

``Widget.app`` is typed as Textual's ``App``; kopir's screens need its own attributes (the
documents being changed in the background, the last export's settings, opening a document).
One cast here, instead of an ``ignore`` at every use, keeps those uses checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from tui.app import KopirApp


def kopir_app(node: DOMNode) -> KopirApp:
    """The running :class:`~tui.app.KopirApp` that ``node`` belongs to."""
    return cast("KopirApp", node.app)
