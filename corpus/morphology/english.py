"""English lemmas and a part of speech, from LemmInflect's shipped dictionary.

LemmInflect (MIT) ships its lemma tables in the wheel (no download at run
time) and gives, for a known word, its lemmas per universal part of speech
(``leaves`` → NOUN leaf/leave, VERB leave), so it also proposes the tag. The
closed classes (articles, prepositions, pronouns, auxiliaries, conjunctions)
are listed here, since a dictionary of open-class lemmas does not tag them.
Without sentence context the tag is the likeliest for the word alone.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

from corpus.morphology.kazakh import Reading

_CLOSED: dict[str, tuple[str, str]] = {}
for _upos, _words in {
    "DET": "the a an this that these those every each some any no all both either neither "
    "another such what which whose",
    "ADP": "of in on at by for with from to into onto over under about after before between "
    "among through during without within against across along around behind beyond "
    "despite except inside near off since than toward towards upon via per amid",
    "PRON": "i you he she it we they me him her us them my your his its our their mine yours "
    "hers ours theirs myself yourself himself herself itself ourselves themselves who whom "
    "something anything nothing everything someone anyone everyone nobody",
    "CCONJ": "and or but nor yet",
    "SCONJ": "if because although though while whereas unless whether that",
    "AUX": "is am are was were be been being has have had having do does did will would "
    "shall should can could may might must",
    "PART": "not n't to 's",
}.items():
    for _w in _words.split():
        _CLOSED.setdefault(_w, (_upos, _w))
for _form, _lemma in {
    "is": "be", "am": "be", "are": "be", "was": "be", "were": "be", "been": "be",
    "being": "be", "has": "have", "had": "have", "having": "have", "does": "do",
    "did": "do", "me": "i", "him": "he", "her": "she", "us": "we", "them": "they",
    "an": "a", "n't": "not",
}.items():  # fmt: skip
    _CLOSED[_form] = (_CLOSED[_form][0], _lemma)

#: The tag preferred when the dictionary allows several (open classes, most common first).
_PREFERENCE = ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "AUX", "NUM")


@cache
def _lemminflect() -> ModuleType:
    """LemmInflect, imported at the first word that needs its dictionary.

    Importing it pulls in numpy (0.6 s) and its first lookup loads the tables
    (1.8 s): an index worker whose words are all in the persisted table of
    analyses (:mod:`corpus.search.morphtable`) never pays either.
    """
    import lemminflect

    return lemminflect


def analyse_english(token: str) -> list[Reading]:
    """Readings of an English word, the likeliest first; never empty (callers cache them)."""
    low = token.lower()
    if not any(ch.isalnum() for ch in token):
        return [Reading(token, "PUNCT")]
    if low.replace(",", "").replace(".", "").isdigit():
        return [Reading(token, "NUM")]
    if low in _CLOSED:
        upos, lemma = _CLOSED[low]
        return [Reading(lemma, upos)]
    found = _lemminflect().getAllLemmas(low)
    if not found:
        if token[:1].isupper():
            return [Reading(token, "PROPN", (), False)]
        guess = _lemminflect().getAllLemmasOOV(low, "NOUN").get("NOUN", (low,))
        return [Reading(guess[0].lower(), "NOUN", (), False)]
    order = sorted(found, key=lambda u: _PREFERENCE.index(u) if u in _PREFERENCE else 99)
    if low.endswith(("ing", "ed")) and "VERB" in found:
        order.remove("VERB")
        order.insert(0, "VERB")
    readings = [Reading(found[u][0].lower(), u) for u in order]
    if len(token) > 1 and token.isupper():  # UN, NATO: an acronym, not the word
        readings.insert(0, Reading(token, "PROPN"))
    return readings
