"""Kazakh nominal inflection written out by hand: harmony, suffix order, stem alternations.

A Kazakh noun takes its endings in a fixed order: plural, then possessive,
then case (``сапар-лар-ы-ның``: journey-PL-POSS3-GEN), and a locative may take
the attributive ``-ғы/-гі`` after it (``сапар-да-ғы``). Every ending comes in
back-vowel and front-vowel forms (vowel harmony: ``-лар`` after ``а о ұ ы``,
``-лер`` after ``ә е ө ү і``) and with its first consonant assimilated to the
stem (``-лар/-дар/-тар``). A stem ending in ``к қ п`` voices it before a vowel
(``бөлік`` → ``бөлігі``, ``кітап`` → ``кітабы``), and a few stems drop the
vowel of their last syllable (``орын`` → ``орны``, ``ауыз`` → ``аузы``).

The data the analyser learns from (UD Kazakh-KTB) is too small to hold every
noun in every form, so these rules let it take apart a form whose stem it
knows (or a plausible stem it does not know) without having seen the form.
:func:`endings` lists every surface ending with its features; :func:`split`
proposes (stem, features) pairs for a word form, harmony checked and the stem
restored.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import product

BACK = frozenset("аоұыя")
FRONT = frozenset("әеөүіэ")
VOWELS = BACK | FRONT | frozenset("уиюё")
VOICED = {"г": "к", "ғ": "қ", "б": "п"}

# Each slot: (surface forms as back/front pairs, features). A form's first
# letter may be assimilated; all listed variants are accepted and harmony is
# checked on the vowels, which is what tells most wrong parses apart.
_PLURAL = ((("лар", "лер"), ("дар", "дер"), ("тар", "тер")), (("Number", "Plur"),))
_POSSESSIVE: tuple[tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]], ...] = (
    ((("ым", "ім"), ("м", "м")), (("Number[psor]", "Sing"), ("Person[psor]", "1"))),
    ((("ың", "ің"), ("ң", "ң")), (("Number[psor]", "Sing"), ("Person[psor]", "2"))),
    (
        (("ыңыз", "іңіз"), ("ңыз", "ңіз")),
        (("Number[psor]", "Sing"), ("Person[psor]", "2"), ("Polite", "Form")),
    ),
    ((("ымыз", "іміз"), ("мыз", "міз")), (("Number[psor]", "Plur"), ("Person[psor]", "1"))),
    ((("ы", "і"), ("сы", "сі")), (("Number[psor]", "Plur,Sing"), ("Person[psor]", "3"))),
)
# Cases after a plain stem or plural, and after a possessive (where some differ).
_CASES = (
    ("Gen", (("ның", "нің"), ("дың", "дің"), ("тың", "тің"))),
    ("Dat", (("ға", "ге"), ("қа", "ке"))),
    ("Acc", (("ны", "ні"), ("ды", "ді"), ("ты", "ті"))),
    ("Loc", (("да", "де"), ("та", "те"))),
    ("Abl", (("дан", "ден"), ("тан", "тен"), ("нан", "нен"))),
    ("Ins", (("мен", "мен"), ("бен", "бен"), ("пен", "пен"))),
)
_CASES_AFTER_POSS = (
    ("Gen", (("ның", "нің"),)),
    ("Dat", (("на", "не"), ("а", "е"))),
    ("Acc", (("н", "н"), ("ны", "ні"))),
    ("Loc", (("нда", "нде"),)),
    ("Abl", (("нан", "нен"),)),
    ("Ins", (("мен", "мен"),)),
)
_ATTRIBUTIVE = (("ғы", "гі"), ("қы", "кі"))

Feats = tuple[tuple[str, str], ...]


def harmony(word: str) -> str | None:
    """``"back"`` or ``"front"`` by the word's last clear vowel; None when it has none."""
    for ch in reversed(word.lower()):
        if ch in BACK:
            return "back"
        if ch in FRONT:
            return "front"
    return None


def stem_harmony(stem: str) -> str | None:
    """The harmony a stem gives its endings: its last clear vowel's, else back for ``у``.

    A root whose only vowel is ``у`` takes back endings (``су-ды``, ``ту-ы``,
    ``жу-ды``, ``клуб-қа``); an ending's ``у`` (the verbal noun ``кел-у``) says
    nothing, so endings keep :func:`harmony`.
    """
    side = harmony(stem)
    if side is None and "у" in stem.lower():
        return "back"
    return side


def clashes(stem: str, ending: str) -> bool:
    """Whether ``ending`` breaks the vowel harmony ``stem`` asks for (``муз-ейін``).

    The ending's first vowel is the one that follows the stem; when it is no clear
    vowel (the verbal noun's ``у`` in ``бояу-мен``, where ``мен`` never changes) the
    ending says nothing.
    """
    first = next((ch for ch in ending.lower() if ch in VOWELS), "")
    have = "back" if first in BACK else "front" if first in FRONT else None
    want = stem_harmony(stem)
    return want is not None and have is not None and want != have


@cache
def endings() -> dict[str, list[tuple[str, Feats]]]:
    """Every nominal ending: surface string → [(harmony, features)], longest chains included.

    The empty chain is left out (the bare stem is the form itself).
    """
    table: dict[str, list[tuple[str, Feats]]] = {}

    def add(text: str, side: str, feats: Feats) -> None:
        if text:
            table.setdefault(text, []).append((side, tuple(sorted(feats))))

    for side, index in (("back", 0), ("front", 1)):
        plurals = [("", ())] + [(p[index], _PLURAL[1]) for p in _PLURAL[0]]
        possessives = [("", ())] + [
            (form[index], feats) for forms, feats in _POSSESSIVE for form in forms
        ]
        for (pl, pl_feats), (poss, poss_feats) in product(plurals, possessives):
            # After a possessive: the third person's n-cases (сапары-на) and, after the
            # first and second persons, the ordinary ones (еліміз-ге, кітабым-ды).
            cases = _CASES + _CASES_AFTER_POSS if poss else _CASES
            case_forms = [("", ("Case", "Nom"))] + [
                (form[index], ("Case", name)) for name, forms in cases for form in forms
            ]
            for case, case_feat in case_forms:
                feats = (*pl_feats, *poss_feats, case_feat)
                add(pl + poss + case, side, feats)
                if case_feat[1] == "Loc":
                    for attr in _ATTRIBUTIVE:
                        add(pl + poss + case + attr[index], side, feats)
    return table


def split(form: str, min_stem: int = 2) -> list[tuple[str, Feats, str]]:
    """Ways to read ``form`` as a nominal stem plus endings: (stem, features, ending).

    Harmony is checked between the stem's last vowel and the ending; stems
    voiced before a vowel (``бөліг-і``) are given back their voiceless form
    (``бөлік``) and stems that dropped a vowel (``орн-ы``) get it back
    (``орын``) as extra candidates. The caller decides which stems are real
    (a lexicon, statistics); the stem of the longest ending comes first.
    """
    low = form.lower()
    table = endings()
    found: list[tuple[str, Feats, str]] = []
    for cut in range(max(min_stem, 1), len(low)):
        ending = low[cut:]
        readings = table.get(ending)
        if not readings:
            continue
        stem = low[:cut]
        stem_side = harmony(stem)
        if stem_side is None or not any(ch in VOWELS for ch in stem):
            continue
        for side, feats in readings:
            if side != stem_side and harmony(ending) is not None:
                continue
            for candidate in restored(stem, ending):
                found.append((candidate, feats, ending))
    return found


def restored(stem: str, ending: str) -> list[str]:
    """The stem as a dictionary would spell it, before a given ending.

    Before a vowel, ``г ғ б`` were ``к қ п``; before a vowel a final
    consonant cluster may have lost its vowel (``орн`` ← ``орын``). The stem
    as written is always a candidate too (``жұмысқа`` has no alternation).
    """
    out = [stem]
    if ending[:1] in VOWELS:
        if stem[-1:] in VOICED:
            out.append(stem[:-1] + VOICED[stem[-1]])
        if len(stem) >= 3 and stem[-1] not in VOWELS and stem[-2] not in VOWELS:
            vowel = "ы" if harmony(stem) == "back" else "і"
            out.append(stem[:-1] + vowel + stem[-1])
    return out


# Verbal endings that nouns and adjectives seldom have: participles and verbal
# nouns (with nominal endings after them), converbs, finite person endings,
# conditional, imperative, negation. The root is what is left before them.
_NOMINAL_TAIL = (
    "(?:лар|лер|дар|дер|тар|тер)?(?:ы|і|сы|сі|ым|ім|ың|ің|ымыз|іміз|ыңыз|іңіз)?"
    "(?:н|ның|нің|на|не|ға|ге|қа|ке|да|де|та|те|нда|нде|дан|ден|нан|нен|тан|тен|"
    "мен|бен|пен|ды|ді|ты|ті|ны|ні|дай|дей|ша|ше)?"
)
VERBAL: tuple[tuple[str, Feats], ...] = (
    (f"(?:ған|ген|қан|кен){_NOMINAL_TAIL}", (("Tense", "Past"), ("VerbForm", "Part"))),
    (f"(?:атын|етін|йтын|йтін){_NOMINAL_TAIL}", (("Aspect", "Imp"), ("VerbForm", "Part"))),
    (f"(?:уы|уі|у|ю){_NOMINAL_TAIL}", (("VerbForm", "Vnoun"),)),
    ("(?:ып|іп|п)(?:ты|ті|тыр|тір)?", (("Aspect", "Perf"), ("VerbForm", "Conv"))),
    (
        "(?:ды|ді|ты|ті)(?:м|ң|қ|к|ңыз|ңіз|ңдар|ңдер|ңыздар|ңіздер)",
        (("Mood", "Ind"), ("Tense", "Past"), ("VerbForm", "Fin")),
    ),
    (
        "(?:а|е|й)(?:ды|ді|мын|мін|сың|сің|мыз|міз|сыз|сіз|сыңдар|сіңдер)",
        (("Mood", "Ind"), ("Tense", "Pres"), ("VerbForm", "Fin")),
    ),
    ("(?:са|се)(?:м|ң|қ|к|ңыз|ңіз|ңдар|ңдер)?", (("Mood", "Cnd"), ("VerbForm", "Fin"))),
    ("(?:ыңыз|іңіз|ңыз|ңіз)(?:дар|дер)|(?:сын|сін)", (("Mood", "Imp"), ("VerbForm", "Fin"))),
    ("(?:айын|ейін|йын|йін|айық|ейік|йық|йік)", (("Mood", "Imp"), ("VerbForm", "Fin"))),
    ("(?:мақ|мек|бақ|бек|пақ|пек)(?:шы|ші)?", (("Tense", "Fut"), ("VerbForm", "Part"))),
    ("(?:ғалы|гелі|қалы|келі|ғанша|генше|қанша|кенше)", (("VerbForm", "Conv"),)),
)


@cache
def _verbal() -> list[tuple[re.Pattern[str], Feats]]:
    return [(re.compile(f"({pattern})$"), feats) for pattern, feats in VERBAL]


def verbal(form: str) -> list[tuple[str, Feats]]:
    """Verb roots a form may have before a verbal ending: (root, features), longest ending first.

    The root keeps at least two letters and a vowel, and the ending its vowel
    harmony (``кел-ейін``, not ``муз-ейін``); a root voiced before a vowel
    (``жығ-атын``) is given back its voiceless form (``жық``).
    """
    low = form.lower()
    found: list[tuple[str, Feats]] = []
    for pattern, feats in _verbal():
        match = pattern.search(low)
        if not match:
            continue
        root = low[: match.start()]
        if len(root) < 2 or not any(ch in VOWELS for ch in root) or clashes(root, match.group(1)):
            continue
        for candidate in restored(root, match.group(1)):
            found.append((candidate, feats))
    return found
