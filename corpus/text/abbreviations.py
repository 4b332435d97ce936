"""Abbreviations that end in a period, by how they behave at a sentence end.

A period after an abbreviation is usually not a sentence boundary. The lists
split abbreviations into two kinds because they behave differently before a
capital letter:

* ``NON_FINAL``: titles, units before numbers, place-name and date markers
  (``проф.``, ``обл.``, ``1939 ж. Қ. Жұмалиев``). A capital after them starts
  a name, not a sentence, so they never end a sentence mid-paragraph.
* ``FINAL_OK``: list closers and number words (``т.б.``, ``млн.``, ``etc.``)
  that often do end a sentence: a capitalised word after them is a boundary.

In Kazakh web text a lower-case word after the period of an ordinary word
starts a new sentence, so an abbreviation missing from these lists (``долл.
шамасында``) would be cut there: the lists also guard lower-case continuations.

Keys are lower-case and without the final period; dotted forms keep their
inner periods (``т.с.с``). Kazakh entries include the Russian abbreviations
that are common in Kazakh news text.
"""

from __future__ import annotations

KK_NON_FINAL: frozenset[str] = frozenset(
    [
        "ж",
        "жж",
        "ғ",
        "ғғ",
        "г",
        "гг",
        "б.з.б",
        "б.з.д",
        "б.з",
        "б.д.з",
        "обл",
        "ауд",
        "а",
        "қ",
        "к",
        "көш",
        "даңғ",
        "ш",
        "шам",
        "мөлш",
        "мыс",
        "қар",
        "сур",
        "сал",
        "салыст",
        "проф",
        "акад",
        "доц",
        "акад.м",
        "т.ғ.д",
        "т.ғ.к",
        "ф.ғ.д",
        "ф.ғ.к",
        "э.ғ.д",
        "э.ғ.к",
        "з.ғ.д",
        "з.ғ.к",
        "п.ғ.д",
        "п.ғ.к",
        "х.ғ.д",
        "х.ғ.к",
        "б.ғ.д",
        "б.ғ.к",
        "м.ғ.д",
        "м.ғ.к",
        "тар.ғ.д",
        "тар.ғ.к",
        "филол",
        "саяс.ғ.д",
        "ред",
        "реж",
        "құраст",
        "аудар",
        "бет",
        "б",
        "т",
        "том",
        "ст",
        "им",
        "ген",
        "өз",
        "көл",
        "тау",
        "ст",
        "пос",
        "с",
        "пр",
        "ул",
        "д",
        "кв",
        "оңт",
        "солт",
        "шығ",
        "бат",
        "драм",
        "тел",
        "пәт",
    ]
)

KK_FINAL_OK: frozenset[str] = frozenset(
    [
        "т.б",
        "т.с.с",
        "т.с",
        "т.т",
        "т.д",
        "т.п",
        "т.е",
        "млн",
        "млрд",
        "трлн",
        "мың",
        "ж.т.б",
        "км",
        "см",
        "мм",
        "кг",
        "гр",
        "га",
        "мин",
        "сағ",
        "сек",
        "тг",
        "долл",
        "руб",
    ]
)

EN_NON_FINAL: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "pres",
        "rev",
        "hon",
        "no",
        "nos",
        "art",
        "fig",
        "figs",
        "vol",
        "vols",
        "pp",
        "p",
        "ch",
        "sec",
        "vs",
        "v",
        "cf",
        "approx",
        "ca",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "e.g",
        "i.e",
        "dept",
        "univ",
        "assn",
        "est",
    ]
)

EN_FINAL_OK: frozenset[str] = frozenset(
    [
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "plc",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
        "e.u",
        "bn",
        "mln",
    ]
)

#: Number words after which an all-capitals acronym continues the sentence
#: (``1,5 млрд. АҚШ доллары``).
NUMBER_WORDS: frozenset[str] = frozenset({"млн", "млрд", "трлн", "мың", "bn", "mln"})

LISTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "kk": (KK_NON_FINAL, KK_FINAL_OK),
    "en": (EN_NON_FINAL, EN_FINAL_OK),
}
