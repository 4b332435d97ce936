"""A corpus's glossary (termbase): Kazakh terms, their English renderings, a note.

    from corpus.glossary import load_glossary, add_term, make_term, TermMatcher
    add_term(root, make_term("Парламент", ["Parliament"]))
    TermMatcher(load_glossary(root)).terms_in("Парламентінің отырысы")   # [Term('Парламент', …)]

Modules: ``model`` (entries, checked as they come in), ``tbx`` (ISO 30042 TBX, the file
kept in the corpus and handed to CAT tools), ``tabular`` (OmegaT's tab-separated glossary,
a spreadsheet's CSV), ``store`` (the corpus's ``glossary.tbx``: locked, atomic changes;
import and export by file ending), ``match`` (terms found in inflected Kazakh and English).
"""

from corpus.glossary.match import TermHit, TermMatcher
from corpus.glossary.model import Glossary, GlossaryError, Term, make_term
from corpus.glossary.store import (
    FORMATS,
    GLOSSARY_FILE,
    ImportReport,
    add_term,
    change_glossary,
    export_glossary,
    glossary_beside,
    glossary_matcher,
    glossary_path,
    import_glossary,
    load_glossary,
    remove_term,
    term_matcher,
)

__all__ = [
    "FORMATS",
    "GLOSSARY_FILE",
    "Glossary",
    "GlossaryError",
    "ImportReport",
    "Term",
    "TermHit",
    "TermMatcher",
    "add_term",
    "change_glossary",
    "export_glossary",
    "glossary_beside",
    "glossary_matcher",
    "glossary_path",
    "import_glossary",
    "load_glossary",
    "make_term",
    "remove_term",
    "term_matcher",
]
