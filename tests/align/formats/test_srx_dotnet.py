"""``kopir export srx --dotnet``: the emoji classes as surrogate pairs, for .NET's regex.

.NET (memoQ, Trados) reads a pattern and the text as UTF-16 units, so a class
holding ``\\U0001f000-\\U0001faff`` is a reversed range it refuses. The tests read
the rules back from the written file and apply them, with Python's ``regex``,
to the text as .NET sees it (each character beyond U+FFFF as its two
surrogates): they must cut where kopir's own rules cut the text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from align.formats.srx import SRX_NS, srx_document
from align.formats.srx_dotnet import dotnet_pattern
from benchmarks import web_segmentation as web
from corpus.text.srx_rules import Rule, compile_rules, split_compiled, split_with_rules
from tests.helpers import WEB_CASES
from tui.cli.main import main

PARAGRAPHS = [p.text for part in web.PARTS for p in web.read_part(part)] + WEB_CASES


def as_utf16_units(text: str) -> str:
    """``text`` as .NET holds it: one code point per UTF-16 unit, surrogates apart."""
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(int.from_bytes(data[i : i + 2], "little")) for i in range(0, len(data), 2))


def from_utf16_units(text: str) -> str:
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def rules_in(document: bytes, name: str) -> list[Rule]:
    ns = {"s": SRX_NS}
    rule_set = etree.fromstring(document).find(
        f"s:body/s:languagerules/s:languagerule[@languagerulename='{name}']", ns
    )
    return [
        Rule(
            r.get("break") == "yes",
            r.findtext("s:beforebreak", namespaces=ns) or "",
            r.findtext("s:afterbreak", namespaces=ns) or "",
            "",
        )
        for r in rule_set.findall("s:rule", ns)
    ]


def test_the_dotnet_file_holds_no_character_beyond_u_ffff_where_the_plain_one_does() -> None:
    plain, dotnet = srx_document().decode("utf-8"), srx_document(dotnet=True).decode("utf-8")
    assert any(ord(c) > 0xFFFF for c in plain)  # the emoji classes: what .NET refuses
    assert not any(ord(c) > 0xFFFF for c in dotnet)
    assert r"[\uD83C-\uD83D][\uDC00-\uDFFF]" in dotnet  # U+1F000-U+1F7FF, two whole blocks
    assert len(rules_in(plain.encode(), "Kazakh")) == len(rules_in(dotnet.encode(), "Kazakh"))


@pytest.mark.parametrize(("lang", "name"), [("kk", "Kazakh"), ("en", "English")])
def test_the_dotnet_rules_cut_utf16_text_where_kopir_cuts(lang: str, name: str) -> None:
    compiled = compile_rules(rules_in(srx_document(dotnet=True), name))
    with_emoji = [t for t in PARAGRAPHS if any(ord(c) > 0xFFFF for c in t)]
    assert len(with_emoji) >= 10  # the test reaches the rewritten classes
    differ = [
        t
        for t in PARAGRAPHS
        if [from_utf16_units(s) for s in split_compiled(as_utf16_units(t), compiled)]
        != split_with_rules(t, lang, structure=True)
    ]
    assert differ == []


def test_a_class_is_rewritten_only_where_it_holds_characters_beyond_u_ffff() -> None:
    assert dotnet_pattern(r"[a-z\]\p{Lu}]+\[x]") == r"[a-z\]\p{Lu}]+\[x]"
    assert dotnet_pattern("[a\U0001f600-\U0001f64f\U000e0020]") == (
        r"(?:[a]|[\uD83D][\uDE00-\uDE4F]|[\uDB40][\uDC20])"
    )
    assert dotnet_pattern("x[\U0001f600]*") == r"x(?:[\uD83D][\uDE00])*"


@pytest.mark.parametrize("pattern", ["[^a\U0001f600]", "[a-\U0001f600]", "[a"])
def test_what_one_dotnet_class_cannot_say_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError):
        dotnet_pattern(pattern)


def test_kopir_export_srx_dotnet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "srx", "--dotnet", "-o", "kopir.srx"]) == 0
    assert (tmp_path / "kopir.srx").read_bytes() == srx_document(dotnet=True)
    assert "SRX 2.0 for .NET tools" in capsys.readouterr().out
    assert main(["export", "srx", "--dotnet", "--omegat", "-o", "x.conf"]) != 0
    assert "choose one" in capsys.readouterr().err
    assert not (tmp_path / "x.conf").exists()
