"""The Query screen's form, compact so that the concordance gets the rows.

Two lines are always there: what to find on each side, then the sort, what
the figures count, and regex/fold. The rest (negative conditions, documents,
dates, status, and the settings of the tables: collocates' window, minimum
frequency and measure, what the distribution is over, the n-grams' length, the
keywords' side) is one key away (F2), and shown from the start on a tall
terminal. Every field keeps the id the screen and the tests know it by.
:meth:`QueryForm.fill` puts a query (a saved one) back into the fields.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select

from corpus.errors import KopirError
from corpus.search.plan import Query
from tui.screens.query_figures import TableSettings
from tui.widgets.tickbox import TickBox

STATUSES = [("any status", ""), ("confirmed only", "confirmed"), ("unconfirmed", "auto")]
#: How the lines are ordered (corpus.search.concordance.LINE_SORTS).
SORTS = [
    ("document order", "doc"),
    ("sort by node", "node"),
    ("sort by L1", "L1"),
    ("sort by L2", "L2"),
    ("sort by L3", "L3"),
    ("sort by R1", "R1"),
    ("sort by R2", "R2"),
    ("sort by R3", "R3"),
]
#: What F, L and T count words as (N and K count word forms: their titles say so).
COUNT_BY = [("count forms", "form"), ("count lemmas", "lemma"), ("count tags", "pos")]
MEASURES = [("log-likelihood", "ll"), ("MI", "mi")]
#: What D's distribution is over (corpus.search.distribution.PARTS).
PARTS = [("documents", "doc"), ("years", "year"), ("dates", "date"), ("statuses", "status")]
SIDES = [("Kazakh", "kk"), ("English", "en")]


def _labelled(label: str, placeholder: str, name: str) -> ComposeResult:
    """A label and the text field it names, side by side in a row of the form."""
    yield Label(label)
    yield Input(placeholder=placeholder, id=name, compact=True)


class QueryForm(Vertical):
    """The query's fields; :meth:`read_query` and :meth:`settings` read them."""

    DEFAULT_CSS = """
    QueryForm { height: auto; padding: 0 1; background: $panel; }
    QueryForm Horizontal { height: 1; }
    QueryForm Label { padding: 0 1 0 0; }
    QueryForm Input { width: 1fr; margin: 0 1 0 0; }
    QueryForm Input.short { width: 6; }
    QueryForm #since { width: 15; }
    QueryForm #until { width: 18; }
    QueryForm Select { margin: 0 1 0 0; width: 20; }
    QueryForm #by { width: 17; }
    QueryForm #measure { width: 19; }
    QueryForm #parts { width: 14; }
    QueryForm #side { width: 12; }
    QueryForm Checkbox { margin: 0 1 0 0; }
    QueryForm #more { height: auto; display: none; }
    QueryForm.more #more { display: block; }
    QueryForm #hint { color: $foreground 60%; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield from _labelled("Kazakh", 'word, "phrase", prefix*', "kk")
            yield from _labelled("English", "visit*, lemma:visit", "en")
        with Horizontal():
            yield Select(SORTS, value="doc", allow_blank=False, id="sort", compact=True)
            yield Select(
                COUNT_BY, value="form", allow_blank=False, id="by", compact=True,
                tooltip="what F, L and T count; N and K count word forms",
            )  # fmt: skip
            yield TickBox("regex", id="regex", compact=True, tooltip="Python regular expressions")
            yield TickBox(
                "fold i/і",
                id="fold",
                compact=True,
                tooltip="fold look-alike letters: a Latin i typed for Kazakh і, and others",
            )
            yield Label("F2: more", id="hint")
        with Vertical(id="more"):
            with Horizontal():
                yield from _labelled("not in kk", "Kazakh must not have", "kk_not")
                yield from _labelled("not in en", "English must not have", "en_not")
            with Horizontal():
                # Examples, said so: a placeholder reads as a value set in a monochrome
                # terminal or a screen capture. Each fits whole at 80 columns.
                yield Input(placeholder="docs e.g. 001_* 003_*", id="docs", compact=True)
                yield Input(placeholder="since e.g. 2021", id="since", compact=True)
                yield Input(placeholder="until e.g. 2022-06", id="until", compact=True)
                yield Select(STATUSES, value="", allow_blank=False, id="status", compact=True)
            with Horizontal():
                yield Label("L/T window")
                yield Input("5", id="window", classes="short", type="integer", compact=True)
                yield Label("min. frequency")
                yield Input("3", id="min_freq", classes="short", type="integer", compact=True)
                yield Select(MEASURES, value="ll", allow_blank=False, id="measure", compact=True)
            with Horizontal():
                yield Label("D over")
                yield Select(PARTS, value="doc", allow_blank=False, id="parts", compact=True)
                yield Label("N-grams of")
                yield Input("3", id="size", classes="short", type="integer", compact=True)
                yield Label("words   K keywords of")
                yield Select(SIDES, value="kk", allow_blank=False, id="side", compact=True)

    def toggle_more(self, shown: bool | None = None) -> None:
        """Show or hide the second part of the form (``None``: the other way)."""
        self.set_class(not self.has_class("more") if shown is None else shown, "more")

    def _text(self, name: str) -> str | None:
        return self.query_one(f"#{name}", Input).value.strip() or None

    def read_query(self) -> Query:
        status = str(self.query_one("#status", Select).value)
        return Query(
            kk=self._text("kk"),
            en=self._text("en"),
            kk_not=self._text("kk_not"),
            en_not=self._text("en_not"),
            docs=tuple((self._text("docs") or "").replace(",", " ").split()),
            since=self._text("since"),
            until=self._text("until"),
            regex=self.query_one("#regex", Checkbox).value,
            fold=self.query_one("#fold", Checkbox).value,
            statuses=(status,) if status else (),
        )

    @property
    def sort(self) -> str:
        return str(self.query_one("#sort", Select).value)

    def fill(self, query: Query) -> list[str]:
        """Put ``query`` into the fields; what it holds that no field can show is left out
        and named in the list returned (empty when the form holds all of it)."""
        for name in ("kk", "en", "kk_not", "en_not", "since", "until"):
            self.query_one(f"#{name}", Input).value = getattr(query, name) or ""
        self.query_one("#docs", Input).value = " ".join(query.docs)
        for name in ("regex", "fold"):
            box = self.query_one(f"#{name}", Checkbox)
            with box.prevent(Checkbox.Changed):  # the caller runs the one search
                box.value = getattr(query, name)
        known = [value for _, value in STATUSES]
        status = query.statuses[0] if len(query.statuses) == 1 else ""
        status_select = self.query_one("#status", Select)
        with status_select.prevent(Select.Changed):
            status_select.value = status if status in known else ""
        left_out = []
        if query.text:
            left_out.append(f"words on either side ({query.text})")
        if query.match_case:
            left_out.append("matching case")
        if query.statuses and (len(query.statuses) > 1 or status not in known):
            left_out.append(f"statuses {', '.join(query.statuses)}")
        return left_out

    def settings(self) -> TableSettings:
        """The table settings; a window, minimum or n-gram length that is not a whole
        number ≥ 1 is a :class:`KopirError` naming the field."""
        numbers = {}
        for name, said in (
            ("window", "the window"),
            ("min_freq", "the minimum frequency"),
            ("size", "the n-gram length"),
        ):
            text = self._text(name) or ""
            if not text.isdigit() or int(text) < 1:
                raise KopirError(f"{said} must be a whole number of at least 1, not {text!r}")
            numbers[name] = int(text)
        return TableSettings(
            str(self.query_one("#by", Select).value),
            numbers["window"],
            numbers["min_freq"],
            str(self.query_one("#measure", Select).value),
            str(self.query_one("#parts", Select).value),
            numbers["size"],
            str(self.query_one("#side", Select).value),
        )
