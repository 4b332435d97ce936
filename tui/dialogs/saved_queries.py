"""Saving the Query screen's form under a name, and loading a saved query back into it.

The queries are kept in the corpus by :mod:`corpus.search.saved`, the file that
``kopir query --save NAME`` and ``--saved NAME`` use, so a query saved in the app
runs on the command line and the other way round. Saving under a name already taken
asks first (the old query would be lost); a file kopir cannot read or write is a
one-line error in a notification, and the form stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from corpus.errors import KopirError
from corpus.search.plan import Query
from corpus.search.saved import save_query, saved_queries
from corpus.storage.store import Corpus
from tui.dialogs.small import ConfirmDialog, Dialog, PromptDialog


class PickQueryDialog(Dialog):
    """The saved queries, each with what it searches; Enter loads one (its name is the
    answer), Escape cancels."""

    DEFAULT_CSS = "PickQueryDialog OptionList { height: auto; max-height: 16; }"

    def __init__(self, saved: dict[str, Query]) -> None:
        super().__init__()
        self.saved = saved

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Load a saved query", classes="title")
            yield OptionList(
                *(
                    Option(f"{name}  ·  {query.describe()}", id=name)
                    for name, query in self.saved.items()
                )
            )
            yield Label("Enter: load it · Escape: cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def ask_and_save(screen: Screen, corpus: Corpus, query: Query) -> None:
    """Ask for a name and keep ``query`` under it (asking before replacing another)."""
    if query.empty:
        screen.notify("nothing to save: type a query first", severity="error", timeout=5)
        return
    try:
        saved = saved_queries(corpus)
    except KopirError as exc:
        screen.notify(str(exc), title="Not saved", severity="error")
        return

    def save(name: str) -> None:
        try:
            save_query(corpus, name, query)
        except KopirError as exc:
            screen.notify(str(exc), title="Not saved", severity="error")
            return
        screen.notify(f"saved as {name!r} (kopir query --saved {name!r} runs it too)", timeout=5)

    def replace_or_not(name: str, replace: bool | None) -> None:
        if replace:
            save(name)

    def chosen(name: str | None) -> None:
        name = (name or "").strip()
        if not name:
            return
        if name in saved:
            question = (
                f"A query is saved as {name!r} already ({saved[name].describe()}). Replace it?"
            )
            screen.app.push_screen(ConfirmDialog(question), partial(replace_or_not, name))
        else:
            save(name)

    taken = f" · saved already: {', '.join(saved)}" if saved else ""
    screen.app.push_screen(
        PromptDialog("Save this query as", "a name", hint=f"{query.describe()}{taken}"), chosen
    )


def ask_and_load(
    screen: Screen, corpus: Corpus, fill: Callable[[Query], list[str]], search: Callable[[], None]
) -> None:
    """List the saved queries; the one chosen goes into the form (``fill``, which returns
    what the form cannot hold: a notification names it) and is searched (``search``)."""
    try:
        saved = saved_queries(corpus)
    except KopirError as exc:
        screen.notify(str(exc), title="Cannot load", severity="error")
        return
    if not saved:
        screen.notify("no saved queries yet: Ctrl+S saves the form under a name", timeout=5)
        return

    def chosen(name: str | None) -> None:
        if name not in saved:
            return
        left_out = fill(saved[name])
        if left_out:
            screen.notify(
                f"{name!r} also has {'; '.join(left_out)}, which the form cannot hold: "
                f"kopir query --saved {name!r} runs all of it",
                severity="warning",
                timeout=8,
            )
        search()

    screen.app.push_screen(PickQueryDialog(saved), chosen)
