"""The glossary check: a bead whose Kazakh has a glossary term and whose English has none
of that term's renderings (the client's term list, checked before delivery).

The terms come from the corpus's glossary (:mod:`corpus.glossary`), which
:func:`align.qa.config.load_config` reads with the settings; Kazakh terms are found in
their inflected forms and English renderings case-insensitively, a plural aside
(:class:`corpus.glossary.TermMatcher`).
"""

from __future__ import annotations

from functools import partial

from align.formats.units import Unit
from align.qa.config import CheckSettings
from align.qa.pair_checks import Hit, PairCheck, _pair
from corpus.glossary import Glossary, TermMatcher, term_matcher
from corpus.glossary.match import english_words

CHECK_ID = "glossary-term"


def missing_terms(matcher: TermMatcher, unit: Unit, _: CheckSettings) -> list[Hit]:
    if not _pair(unit):
        return []
    terms = matcher.terms_in(unit.kk)
    if not terms:
        return []
    words = english_words(unit.en)
    hits: list[Hit] = []
    for term in terms:
        if not matcher.rendered(term, words):
            wanted = " or ".join(f"«{en}»" for en in term.en)
            hits.append((f"the glossary term «{term.kk}» is here: its English is {wanted}", "en"))
    return hits


def glossary_check(glossary: Glossary) -> PairCheck | None:
    """The check for ``glossary``, or None when it has no terms (nothing to look for).

    Every run of the checks asks for it (an editor's after each edit, ``kopir stats``'s for
    each document): its matcher is :func:`corpus.glossary.term_matcher`'s, made once per
    glossary and shared with the editor's terms (:meth:`align.session.Session.terms`)."""
    matcher = term_matcher(glossary)
    return partial(missing_terms, matcher) if matcher else None
