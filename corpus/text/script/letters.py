"""The letter tables of Kazakh's scripts, in one place.

Kazakh is printed in Cyrillic, in the Latin alphabet of 2018 (and its 2021 revision), and in
the Arabic script (төте жазу); web text also mixes Latin look-alikes into Cyrillic words. The
readers (:mod:`corpus.text.script.latin`, :mod:`corpus.text.script.tote`) and the look-alike
repair (:mod:`corpus.text.homoglyphs`) all read these tables, so a letter corrected here is
corrected for every one of them.
"""

from __future__ import annotations

#: Latin letters that look like Cyrillic ones (and the Latin schwa, typed for ә).
LATIN_TO_CYRILLIC = dict(
    zip(
        "aceopxyiIhkKABCEHMOPTXYǝəƏ",
        "асеорхуіІһкКАВСЕНМОРТХУәәӘ",
        strict=True,
    )
)
#: Cyrillic letters that look like Latin ones.
CYRILLIC_TO_LATIN = dict(
    zip(
        "асеорхуіјһАВЕКМНОРСТХІЅ",
        "aceopxyijhABEKMHOPCTXIS",
        strict=True,
    )
)
#: The Kazakh (ЙЦУКЕН) layout on a QWERTY keyboard, for Latin letters that have no Cyrillic
#: look-alike: "rәрі" was typed on the R key, meaning к.
KEYBOARD_LATIN_TO_CYRILLIC = dict(
    zip(
        "qwertyuiopasdfghjklzxcvbnm",
        "йцукенгшщзфывапролдячсмить",
        strict=True,
    )
)

#: The Latin alphabet of Kazakh of 2018 (Decree 569 as amended, acute accents) read back
#: into Cyrillic: official sites published Kazakh in it in 2018-2021. Digraphs first. The
#: letter ı (и, й, я, ю) is read by what stands around it, in the reader.
KK_LATIN = (
    ("sh", "ш"), ("ch", "ч"), ("á", "ә"), ("ǵ", "ғ"), ("ń", "ң"), ("ó", "ө"), ("ú", "ү"),
    ("ý", "у"), ("a", "а"), ("b", "б"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"),
    ("h", "х"), ("i", "і"), ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("q", "қ"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "ұ"),
    ("v", "в"), ("y", "ы"), ("z", "з"), ("w", "у"), ("x", "кс"), ("c", "ц"),
)  # fmt: skip

#: Each letter of the Arabic script of Kazakh: its Cyrillic reading in a back word and in a
#: front word (the script writes а/ә, о/ө, ұ/ү, ы/і with one letter each).
TOTE_LETTERS = {
    "ا": ("а", "ә"), "ٵ": ("ә", "ә"), "ب": ("б", "б"), "ۆ": ("в", "в"), "گ": ("г", "г"),
    "ع": ("ғ", "ғ"), "د": ("д", "д"), "ە": ("е", "е"), "ه": ("е", "е"), "ج": ("ж", "ж"),
    "ز": ("з", "з"), "ك": ("к", "к"), "ک": ("к", "к"), "ق": ("қ", "қ"), "ل": ("л", "л"),
    "م": ("м", "м"), "ن": ("н", "н"), "ڭ": ("ң", "ң"), "و": ("о", "ө"), "ٶ": ("ө", "ө"),
    "پ": ("п", "п"), "ر": ("р", "р"), "س": ("с", "с"), "ت": ("т", "т"), "ۋ": ("у", "у"),
    "ۇ": ("ұ", "ү"), "ٷ": ("ү", "ү"), "ف": ("ф", "ф"), "ح": ("х", "х"), "ھ": ("һ", "һ"),
    "ش": ("ш", "ш"), "چ": ("ч", "ч"), "ى": ("ы", "і"), "ٸ": ("і", "і"),
}  # fmt: skip
