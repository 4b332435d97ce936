"""The registry lexicon: its committed file, its loading, its use as weaker evidence, and
the builder's parts that need no download (string files, cleaning, learning)."""

from __future__ import annotations

import io
import re
import zipfile
from importlib import resources

import pytest

from align.aligner import build_lexicon as build
from align.aligner.features import FeatureExtractor, en_stem
from align.aligner.lexicon import REGISTRY_LEXICON, Lexicon, core_lexicon, parse_lexicon
from align.aligner.propose import FEATURE_WEIGHTS


def _registry_text() -> str:
    return resources.files("align").joinpath("data", REGISTRY_LEXICON).read_text("utf-8")


def test_registry_file_names_its_sources_and_licences_and_has_the_core_format() -> None:
    text = _registry_text()
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for source in ("libreoffice-l10n-kk", "firefox-esr-l10n-kk", "CLDR", "make lexicon"):
        assert source in header
    assert "MPL-2.0" in header and "Unicode License" in header
    body = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(body) > 2000
    for line in body:
        kazakh, *english = line.split("\t")
        assert re.fullmatch(r"[а-яёәғқңөұүһі]{4,}", kazakh), line
        assert 1 <= len(english) <= build.MAX_SENSES and all(english), line
    assert len(parse_lexicon(text, REGISTRY_LEXICON)) == len(body)


@pytest.mark.parametrize(
    ("kazakh", "english"),
    [
        ("қаңтар", "january"),
        ("қыркүйек", "september"),
        ("дүйсенбі", "monday"),
        ("жексенбі", "sunday"),
        ("мейрам", "holiday"),
        ("отбасы", "family"),
    ],
)
def test_known_entries_from_cldr_and_the_interface_translations(kazakh: str, english: str) -> None:
    registry = Lexicon(registry=parse_lexicon(_registry_text(), REGISTRY_LEXICON))
    assert en_stem(english) in registry.kk_registry_meanings(kazakh)


def test_the_shipped_lexicon_asks_the_registry_only_about_words_the_core_lacks() -> None:
    lexicon = core_lexicon()
    assert not lexicon.kk_meanings("мейрамы")
    assert lexicon.kk_registry_meanings("мейрамы") == (en_stem("holiday"),)
    assert lexicon.kk_meanings("мемлекеттің")  # a core word ...
    assert lexicon.kk_registry_meanings("мемлекеттің") == ()  # ... gets no registry sense


def test_registry_meanings_are_a_feature_kind_of_their_own_weighed_below_the_core() -> None:
    lexicon = Lexicon({"мемлекет": ("state",)}, {"мейрам": ("holiday",), "отбасы": ("famili",)})
    extract = FeatureExtractor(lexicon)
    assert "R:holiday" in extract.features("мейрамы құтты болсын", "kk")
    assert "R:holiday" in extract.features("Happy holidays", "en")
    assert "W:state" in extract.features("мемлекеттің", "kk")
    # A capitalised word is a name: its registry sense would count the name twice.
    assert "R:famili" not in extract.features("Отбасы", "kk")
    assert FEATURE_WEIGHTS["R"] < FEATURE_WEIGHTS["W"]


def test_registry_lookup_takes_the_longest_key_of_four_letters_or_more() -> None:
    lexicon = Lexicon(registry={"сала": ("sector",), "салдар": ("consequence",), "мин": ("x",)})
    assert lexicon.kk_registry_meanings("салдарынан") == ("consequence",)
    assert lexicon.kk_registry_meanings("саласы") == ("sector",)
    assert lexicon.kk_registry_meanings("минут") == ()


def test_clean_drops_placeholders_and_keeps_words_whole_across_access_keys() -> None:
    assert build.en_words("P~aragraph %1 of $(ARG1) <b>{ $count }</b> _Save") == [
        "paragraph",
        "save",
    ]
    assert build.kk_words("Нәтижесiн қайда көшiру: OK") == ["нәтижесін", "қайда", "көшіру"]


def test_fluent_messages_attributes_and_variants_pair_by_id() -> None:
    ftl = (
        "# comment\n"
        "open-button = Open file\n"
        "    .tooltip = Open a file\n"
        "tabs-count =\n"
        "    { $n ->\n"
        "        [one] One tab\n"
        "       *[other] { $n } tabs\n"
        "    }\n"
    )
    found = dict(build._ftl(ftl))
    assert found["open-button"] == "Open file"
    assert found["open-button.tooltip"] == "Open a file"
    assert build.en_words(found["tabs-count"]) == ["one", "tab", "tabs"]


def test_mozilla_strings_are_keyed_by_path_from_the_locale_folder() -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("localization/kk/browser/menu.ftl", "menu-file = Файл\n")
        archive.writestr("chrome/kk/locale/kk/global/x.properties", "save=Сақтау\n")
    strings = build._mozilla_strings(zipfile.ZipFile(data))
    assert strings == {
        ("browser/menu.ftl", "menu-file"): "Файл",
        ("global/x.properties", "save"): "Сақтау",
    }


def test_learning_keeps_direct_entries_and_confident_repeated_pairs() -> None:
    pairs = [
        ("File", "Файл"),
        ("Save file", "Файлды сақтау"),
        ("Save document", "Құжатты сақтау"),
        ("Save", "Сақтау"),
        ("Open document", "Құжатты ашу"),
        ("Print document", "Құжатты баспаға шығару"),
    ]
    keys = build.Keys()
    learned = build.learn(pairs, keys)
    assert learned[keys.kk("файл")] == [en_stem("file")]
    assert en_stem("document") in learned[keys.kk("құжатты")]
    assert all(len(kazakh) >= build.MIN_LEMMA for kazakh in learned)


def test_learning_leaves_out_long_strings_unless_told_and_learns_nothing_from_none() -> None:
    fillers = [
        "алма алмұрт өрік шие жүзім қарбыз қауын лимон банан анар мейіз жаңғақ",
        "сәбіз пияз картоп шалғам асқабақ қияр қызанақ сарымсақ аскөк балық сүт айран",
        "шай кофе нан тұз қант бал ірімшік жұмыртқа күріш тары арпа бидай",
    ]
    english = [
        "apple pear apricot cherry grape watermelon melon lemon banana pomegranate raisin walnut",
        "carrot onion potato turnip pumpkin cucumber tomato garlic dill fish milk yoghurt",
        "tea coffee bread salt sugar honey cheese egg rice millet barley wheat",
    ]
    # Thirteen words a side: longer than an interface string the registry learns from.
    pairs = [(f"document {en}", f"құжат {kk}") for en, kk in zip(english, fillers, strict=True)]
    keys = build.Keys()
    assert build.learn(pairs, keys) == {}  # every pair too long: nothing to learn from
    learned = build.learn(pairs, keys, max_words=20)
    assert learned[keys.kk("құжат")] == [en_stem("document")]
