"""What two sentences in different languages can share: numbers, names, meanings.

Each sentence becomes a bag of language-neutral *features*; a Kazakh sentence
and its English translation share many, unrelated sentences few:

* ``N:1500000000`` — numbers, normalised across conventions (``1,5 млрд`` and
  ``1.5 billion``, ``1 000`` and ``1,000``); the bare figure is a feature too; so are the
  numbers two to ten in words (``five`` ~ ``(5)`` ~ ``бес``), which English news spells
  out where the Kazakh edition often writes figures;
* ``M:8`` — months (``тамыз`` ~ ``August``), so dates match;
* ``P:tkv`` — names: capitalised words stripped of Kazakh suffixes, romanised
  and reduced to a consonant key, so ``Тоқаевпен`` ~ ``Tokayev`` and
  ``Брюссельге`` ~ ``Brussels``;
* ``W:visit`` — meanings: Kazakh words through the lexicon, English words by
  their Snowball stem;
* ``R:holiday`` — the same through the registry lexicon (machine-learned from software
  translations, :mod:`align.aligner.build_lexicon`), for lower-case Kazakh words the
  lexicon proper does not know: weaker evidence, weighed apart;
* ``Q:«`` — quotation and question marks, which translations keep;
* ``A:src`` / ``A:bg`` — discourse markers news editions keep in both languages: an
  attribution to a source ("деп хабарлайды …", "… Kazinform reports") and a pointer back
  to earlier news ("Еске салайық, …", "Earlier it was reported …").

Kazakh written in the 2018 Latin alphabet (``Qazaqstan``, ``Elbasy``) is read into
Cyrillic first, so the lexicon, months and name keys work on it too; so is Kazakh in the
Arabic script. The readers are :mod:`corpus.text.script`'s, which search shares.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from align.aligner.lexicon import Lexicon
from corpus.text.script import kk_line_cyrillic

KK_MONTHS = (
    "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split()
)
EN_MONTHS = (
    "january february march april may june july august september october november december"
).split()
KK_SCALES = {"мың": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9, "трлн": 1e12}
EN_SCALES = {
    "thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
}  # fmt: skip

_TOKEN = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*|[^\W\d_]+|[«»\"“”?]")
_KK_SUFFIXES = sorted(
    """
    ның нің дың дің тың тің ға ге қа ке на не а е ды ді ты ті ны ні н да де та те нда нде
    дан ден тан тен нан нен мен бен пен дағы дегі тағы тегі ндағы ндегі лық лік дық дік тық тік
    сы сі ы і лар лер дар дер тар тер лары лері дары дері тары тері ша ше
    """.split(),
    key=len,
    reverse=True,
)
_TRANSLIT = str.maketrans(
    {
        "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
        "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l",
        "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
        "ю": "yu", "я": "ya",
    }
)  # fmt: skip
_SKELETON_STEPS = (
    (re.compile(r"^ye"), "e"),
    (re.compile(r"^y"), "j"),
    (re.compile(r"shch|sch"), "S"),
    (re.compile(r"sh"), "S"),
    (re.compile(r"ch|ts|tz"), "C"),
    (re.compile(r"dzh|zh|j|g(?=[ei])"), "J"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"h"), ""),
    (re.compile(r"[qc]"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"x"), "ks"),
)
_VOWELS = re.compile(r"(?<!^)[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")
_EN_NOT_NAMES = frozenset(
    """
    the a an this that these those it its in on at by for of to and but or as if when while
    however although after before during since despite also both each every all many most
    some such there here what which who whom whose why how where yes no not mr mrs ms dr
    """.split()
)
NAME_KEY = 4
_KK_SOURCE = r"хабарла(?:йды|ды|ған)|сілтеме жасап|мәлім етті|делінген хабарлама"
_KK_EARLIER = r"^\W*(?:еске салайық|естеріңізге сала|айта кетейік|бұған дейін)|хабарланған еді"
_EN_SOURCE = r"\b(?:reports?|reported|informs?|cites?|learnt|learned|press service|correspondent)\b"
_EN_EARLIER = r"^\W*(?:earlier|as (?:earlier )?reported|as reported (?:earlier|before)|recall)\b"
_MARKERS = {
    "kk": (("A:src", re.compile(_KK_SOURCE, re.I)), ("A:bg", re.compile(_KK_EARLIER, re.I))),
    "en": (("A:src", re.compile(_EN_SOURCE, re.I)), ("A:bg", re.compile(_EN_EARLIER, re.I))),
}


@lru_cache(maxsize=1)
def _stemmer():  # -> nltk's SnowballStemmer
    # Imported on first use: importing nltk takes over a second, which the
    # editor and the other commands that never stem should not pay.
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=200_000)
def en_stem(word: str) -> str:
    """The Snowball stem of a lower-case English word (cached: stemming is slow)."""
    return _stemmer().stem(word)


def name_key(latin: str) -> str:
    """A spelling-tolerant key for a romanised name: first letter and consonants.

    Kazakh and English spell names through different conventions (Тоқаев,
    Tokayev; Женева, Geneva; Тәжікстан, Tajikistan); the key keeps what they
    share.
    """
    text = unicodedata.normalize("NFKD", latin.lower())
    text = "".join(ch for ch in text if "a" <= ch <= "z")
    for pattern, repl in _SKELETON_STEPS:
        text = pattern.sub(repl, text)
    text = _DOUBLES.sub(r"\1", _VOWELS.sub("", text))
    return text[:NAME_KEY]


def kk_name_stem(word: str) -> str:
    """Strip one Kazakh case, possessive or plural suffix from a capitalised word.

    One layer is enough for names in news text (Тоқаевпен, Қазақстанның,
    Астанадағы); place names in -стан keep their ending.
    """
    stem = word.lower()
    if stem.endswith("стан"):
        return stem
    for suffix in _KK_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 4:
            return stem[: -len(suffix)]
    return stem


def _number(token: str, lang: str) -> float | None:
    digits = token.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if lang == "kk":
        digits = digits.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
        digits = digits.replace(",", "")
    else:
        digits = digits.replace(",", ".")
    if digits.count(".") > 1:
        return None  # a date like 08.04.2019 or a version: its parts still count below
    try:
        return float(digits)
    except ValueError:
        return None


def _fmt(value: float) -> str:
    return f"{value:.6g}"


class FeatureExtractor:
    """Turns sentences into feature bags, with a lexicon for Kazakh meanings.

    A word's features depend on the word alone, and news text repeats its
    words, so they are cached per extractor (which has one lexicon).
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._words: dict[str, dict[str, tuple[str, ...]]] = {"kk": {}, "en": {}}

    def features(self, text: str, lang: str) -> list[str]:
        return [f for group in self.groups(text, lang) for f in group]

    def groups(self, text: str, lang: str) -> list[tuple[str, ...]]:
        """The features of each token (and each discourse marker) as one group.

        A Kazakh word the lexicon knows several translations of gives one feature per
        translation, but it is still one word: a sentence's weight of evidence counts
        each group once (:mod:`align.aligner.propose`), so a sentence of many-sensed
        words is not made to look richer than its translation.
        """
        if lang == "kk":
            text = kk_line_cyrillic(text)
        tokens = _TOKEN.findall(text)
        found: list[tuple[str, ...]] = [
            (tag,) for tag, pattern in _MARKERS[lang] if pattern.search(text)
        ]
        words = self._words[lang]
        word_features = self._kk_word if lang == "kk" else self._en_word
        # Words and marks are looked up first: they are most tokens, and their features
        # depend on the token alone. A number's depend on the token after it ("1,5 млрд"),
        # so numbers are never kept and always read afresh.
        for i, token in enumerate(tokens):
            cached = words.get(token)
            if cached is None:
                if token[0].isdigit():
                    found.append(tuple(self._numbers(tokens, i, lang)))
                    continue
                if token[0].isalpha():
                    cached = words[token] = tuple(word_features(token))
                else:
                    cached = words[token] = ("Q:" + _quote_class(token),)
            if cached:
                found.append(cached)
        return found

    def _numbers(self, tokens: list[str], i: int, lang: str) -> Iterable[str]:
        value = _number(tokens[i], lang)
        if value is None:
            for part in re.split(r"[.,]", tokens[i]):
                if part:
                    yield "N:" + _fmt(float(part))
            return
        yield "N:" + _fmt(value)
        if i + 1 < len(tokens):
            scales = KK_SCALES if lang == "kk" else EN_SCALES
            nxt = tokens[i + 1].lower()
            scale = next((v for k, v in scales.items() if nxt.startswith(k)), None)
            if scale:
                yield "N:" + _fmt(value * scale)

    def _kk_word(self, token: str) -> Iterable[str]:
        lower = token.lower()
        month = next((n for n, m in enumerate(KK_MONTHS, 1) if lower.startswith(m)), None)
        if month:
            yield f"M:{month}"
        yield from ("W:" + m for m in self.lexicon.kk_meanings(lower))
        if not token[0].isupper():
            # A capitalised word is matched as a name below; its registry sense would
            # count the same evidence twice (Колумбия: P:klm and R:colombia).
            yield from ("R:" + m for m in self.lexicon.kk_registry_meanings(lower))
        if lower in KK_CARDINALS:
            yield f"N:{KK_CARDINALS.index(lower) + 2}"
        ordinal = _kk_ordinal(lower)
        if ordinal:
            yield f"N:{ordinal}"
        if not token[0].isupper() and len(lower) >= LOAN_MIN and _BORROWED.search(lower):
            yield from _loan_key(kk_name_stem(lower).translate(_TRANSLIT))
        # A capitalised word is also a name, even when it means something
        # (Бейбіт is "peace" and a first name).
        if token[0].isupper() and len(token) > 1:
            key = name_key(kk_name_stem(token).translate(_TRANSLIT))
            if len(key) >= 2:
                yield "P:" + key

    def _en_word(self, token: str) -> Iterable[str]:
        lower = token.lower()
        if token[0].isupper() and lower in EN_MONTHS:
            yield f"M:{EN_MONTHS.index(lower) + 1}"
        stem = en_stem(lower)
        if self.lexicon.knows_en(stem):
            yield "W:" + stem
        if self.lexicon.knows_registry_en(stem):
            yield "R:" + stem
        if lower in EN_ORDINALS:
            yield f"N:{EN_ORDINALS.index(lower) + 1}"
        if lower in EN_CARDINALS:
            yield f"N:{EN_CARDINALS.index(lower) + 2}"
        if not token[0].isupper() and len(lower) >= LOAN_MIN - 1:
            yield from _loan_key(lower)
        if token[0].isupper() and len(token) > 1 and lower not in _EN_NOT_NAMES:
            key = name_key(lower)
            if len(key) >= 2:
                yield "P:" + key


KK_ORDINALS = (
    "бірінші екінші үшінші төртінші бесінші алтыншы жетінші сегізінші тоғызыншы оныншы".split()
)
#: The numbers two to ten in words, whole words only. Not "one" and "бір": they are also
#: the indefinite article and a pronoun ("one of the largest", "бір адам"), and as the number
#: 1 they paired unrelated sentences (dev 2023-03-21_nauryz_elections 0.970 -> 0.758).
EN_CARDINALS = "two three four five six seven eight nine ten".split()
KK_CARDINALS = "екі үш төрт бес алты жеті сегіз тоғыз он".split()
EN_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
#: Loanwords shared through Russian (дипломатиялық ~ diplomatic, стратегиялық ~ strategic,
#: экономикалық ~ economic) are matched by a consonant key when at least this long.
LOAN_MIN = 7
#: Letters and endings native Kazakh words hardly have: a word with one came through
#: Russian, and so probably shares its root with an English word.
_BORROWED = re.compile(r"[вфцчщэюяё]|ия|ент|изм|ист|тор|ика|ция")


def _kk_ordinal(word: str) -> int | None:
    for n, ordinal in enumerate(KK_ORDINALS, 1):
        if word.startswith(ordinal):
            return n
    return None


def _loan_key(latin: str) -> Iterable[str]:
    """A key for a long common word spelt through Russian or English: voiced and voiceless
    sibilants merged (президент ~ president), the rest as for names."""
    key = name_key(latin.replace("z", "s"))
    if len(key) >= NAME_KEY:
        yield "T:" + key


def tokens_for_learning(text: str) -> list[str]:
    """Lower-case word tokens, for training a translation model."""
    return [t.lower() for t in _TOKEN.findall(text) if t[0].isalpha()]


def _quote_class(token: str) -> str:
    return "?" if token == "?" else '"'
