"""OmegaT as a translator uses it: a project of the Kazakh source texts, kopir's TMX as memory.

Part of ``make try-omegat`` (:mod:`benchmarks.omegat_roundtrip`). The project's
source files are the seed texts as the user gave them (``seeds/*.txt``, not
kopir's TEI), sentence segmentation is on, and kopir's TMX of the seeds is in
``tm/auto``, where OmegaT inserts exact matches. It runs twice: with OmegaT's
own rules, and with kopir's (``kopir export srx --omegat`` written to the
project's ``omegat/segmentation.conf``, the only place OmegaT 3.6 reads a
project's rules from).

What is counted, for each run:

* OmegaT's own figure: its segments and how many it filled, from the
  ``omegat/project_stats.txt`` that ``--mode=console-translate`` writes;
* the bar: the **Kazakh sentences of kopir's 1-1 units** (a unit with one
  sentence on each side, no ``x-sentence-lengths``) and how many of them came
  out of OmegaT's segmentation as a segment of exactly that text (OmegaT's
  segment list from ``--mode=console-createpseudotranslatetmx``), with their
  English in OmegaT's target file of that document. A segment whose text is a
  TMX unit's Kazakh is an exact match: the count of distinct filled segments
  worked out that way is checked against OmegaT's own statistics.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from benchmarks.shared import REPO
from corpus.ingest import build_document

CONSOLE = "--mode=console-translate"
PSEUDO = "--mode=console-createpseudotranslatetmx"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class TmxUnit:
    doc: str
    kk: str
    en: str
    one_to_one: bool


@dataclass(frozen=True)
class Outcome:
    segments: int  # OmegaT's segments (all occurrences), from its statistics
    filled: int  # … of which OmegaT filled from the TMX, from its statistics
    unique_filled: int  # distinct segments filled, from its statistics
    unique_matching: int  # distinct segments whose text is a TMX unit's Kazakh (worked out)
    one_to_one: int  # Kazakh sentences of 1-1 units
    matched: int  # … that are an OmegaT segment, with their English in the target file


def read_units(tmx: Path) -> list[TmxUnit]:
    """kopir's TMX units: document, Kazakh, English, and whether both sides are one sentence."""
    units = []
    for tu in etree.parse(str(tmx)).iter("tu"):
        doc = tu.findtext("prop[@type='x-document']") or ""
        sides = {tuv.get(XML_LANG, "")[:2]: tuv for tuv in tu.iter("tuv")}
        lengths = [tuv.find("prop[@type='x-sentence-lengths']") for tuv in sides.values()]
        joined = any(prop is not None for prop in lengths)
        units.append(
            TmxUnit(doc, sides["kk"].findtext("seg"), sides["en"].findtext("seg"), not joined)
        )
    return units


def run_project(
    folder: Path, project_xml: str, tmx: Path, rules: Path | None, java: str, jar: Path
) -> Outcome:
    """Build the translator's project in ``folder``, run OmegaT on it and count."""
    sources = sorted(p for p in (REPO / "seeds").glob("*.txt") if not p.name.endswith(".en.txt"))
    texts = {path.name: path.read_bytes().decode("utf-8") for path in sources}
    segments = omegat_segments(folder, project_xml, texts, tmx, rules, java, jar)
    stats = _stats(folder / "omegat" / "project_stats.txt")
    units = read_units(tmx)
    known = {u.kk for u in units}
    targets = {
        path.name.removesuffix(".txt"): (folder / "target" / path.name).read_text("utf-8")
        for path in sources
    }
    one_to_one = [u for u in units if u.one_to_one]
    matched = sum(u.kk in segments and u.en in targets.get(u.doc, "") for u in one_to_one)
    return Outcome(
        segments=stats["Total"][0],
        filled=stats["Total"][0] - stats["Remaining"][0],
        unique_filled=stats["Unique"][0] - stats["Unique Remaining"][0],
        unique_matching=len(segments & known),
        one_to_one=len(one_to_one),
        matched=matched,
    )


#: Short Kazakh news openings written for this check, one file each: an agency's dateline
#: (Kazinform's ``АСТАНА. KAZINFORM –``, a wire's ``МӘСКЕУ, 3 наурыз. /ТАСС/.``) before the
#: text, after a headline, alone on its line, opening a later item of the same file, or
#: glued to the text (no dateline then: kopir cuts after the place as after any sentence).
DATELINES = {
    "kazinform.txt": "АСТАНА. KAZINFORM – Мемлекет басшысы Үкімет мүшелерін қабылдады. "
    "Кездесуде 2024 ж. қорытындылары талқыланды.\n",
    "kazinform-headline.txt": "Үкімет отырысы өтті\nНҰР-СҰЛТАН. KAZINFORM — Премьер-министр "
    "жиын өткізді. Ол т.б. мәселелерді көтерді.\n",
    "kazinform-hyphen.txt": "АЛМАТЫ. ҚазАқпарат - Қалада жаңа саябақ ашылды. "
    "Оған 5 млн. теңге жұмсалды.\n",
    "kazinform-alone.txt": "ШЫМКЕНТ. KAZINFORM –\nОблыста егін жинау басталды. "
    "Диқандар қуанып жүр.\n",
    "tass.txt": "МӘСКЕУ, 3 наурыз. /ТАСС/. Келіссөздер түсте басталды. Олар кеш аяқталды.\n",
    "tass-headline.txt": "Астанада форум басталды\nАСТАНА, 26 шілде. /ТАСС/. Халықаралық "
    "форум ашылды. Оған 40 елден қонақ келді.\n",
    "tass-no-period.txt": "ҚАРАҒАНДЫ, 1 мамыр. /ТАСС/ Шахтада жөндеу аяқталды. Жұмыс қайта "
    "басталды.\n",
    "tass-year.txt": "АҚТӨБЕ, 2024 жылғы 5 қыркүйек. /ТАСС/. Жиын өтті. Оған әкім келді.\n",
    "tass-alone.txt": "ПАВЛОДАР, 9 қазан. /ТАСС/.\nЗауыт жаңа цех ашты. Онда 200 адам "
    "жұмыс істейді.\n",
    "tass-second-item.txt": "Бірінші хабар бітті. Ол қысқа болды.\nОРАЛ, 4 наурыз. /ТАСС/. "
    "Екінші хабар басталды.\n",
    "kazinform-second-item.txt": "Алдыңғы хабар аяқталды. Бәрі түсінікті.\nТАЛДЫҚОРҒАН. "
    "KAZINFORM – Келесі хабар келді.\n",
    "kazinform-glued.txt": "ӨСКЕМЕН. KAZINFORM –Жол жөнделді. Көлік жүре бастады.\n",
    "tass-glued.txt": "СЕМЕЙ, 8 маусым. /ТАСС/.Көпір ашылды. Тұрғындар риза.\n",
}


#: Kazakh in the 2018 Latin alphabet and in the Arabic script, written for this check, one
#: file each: abbreviations (``j.``, ``mln.``, ``ج.``), initials (``Sh.``, ``م.``), datelines
#: (``AQTÓBE.``, ``ماسكەۋ، 3 ناۋرىز. /تاسس/.``), emoji before a word and the Arabic script's
#: question mark. Ingest cuts them on their Cyrillic reading, OmegaT on the printed letters.
OTHER_SCRIPTS = {
    "latin-abbreviations.txt": "1939 j. Q. Jumalıev kitap jazdy. Ol 2 mln. teńge aldy.\n",
    "tote-abbreviations.txt": "1939 ج. ق. جۇماليەۆ كىتاپ جازدى. ول 2 ملن. تەڭگە الدى.\n",
    "latin-lists.txt": "Iri qalalarda, mys. Almatyda, keptelis kóp. Bul týraly prof. Á. "
    "Nurpeıisov aıtty.\n",
    "tote-lists.txt": "ٴىرى قالالاردا، مىس. الماتىدا، كەپتەلىس كوپ. بۇل تۋرالى پروف. ٴا. "
    "نۇرپەيىسوۆ ايتتى.\n",
    "latin-initials.txt": "Ándi Sh. Qaldaıaqov shyǵarǵan. M. Laıchak keldi.\n",
    "tote-initials.txt": "ٴاندى ش. قالداياقوۆ شىعارعان. م. لايچاك كەلدى.\n",
    "latin-kazinform.txt": "AQTÓBE. KAZINFORM – Jıyn ótti. Oǵan ákim keldi.\n",
    "tote-kazinform.txt": "اقتوبە. KAZINFORM – جيىن ٴوتتى. وعان اكىم كەلدى.\n",
    "latin-tass.txt": "MÁSKEÝ, 3 naýryz. /TASS/. Kelissózder túste bastaldy. Olar kesh "
    "aıaqtaldy.\n",
    "tote-tass.txt": "ماسكەۋ، 3 ناۋرىز. /تاسس/. كەلىسسوزدەر تۇستە باستالدى. ولار كەش اياقتالدى.\n",
    "latin-dated.txt": "TARAZ. 12 aqpan. Qazaqparat – Ákimdik mektep saldy.\n",
    "tote-dated.txt": "تاراز. 12 اقپان. قازاقپارات – اكىمدىك مەكتەپ سالدى.\n",
    "latin-headline.txt": "Úkimet otyrysy ótti\nNUR-SULTAN. KAZINFORM — Premer-mınıstr jıyn "
    "ótkizdi. Ol t.b. máselelerdi kóterdi.\n",
    "tote-headline.txt": "ۇكىمەت وتىرىسى ٴوتتى\nنۇر-سۇلتان. KAZINFORM — پرەمەر-مينيستر جيىن "
    "وتكىزدى. ول ت.ب. ماسەلەلەردى كوتەردى.\n",
    "latin-second-item.txt": "Aldyńǵy habar aıaqtaldy. Bári túsinikti.\nTALDYQORǴAN. "
    "KAZINFORM – Kelesi habar keldi.\n",
    "tote-second-item.txt": "الدىڭعى حابار اياقتالدى. ٴبارى تۇسىنىكتى.\nتالدىقورعان. "
    "KAZINFORM – كەلەسى حابار كەلدى.\n",
    "latin-emoji.txt": "Kitap áli shyqpaǵan 😅 Kim tapty eken? Aıtyńyzdar.\n",
    "tote-emoji.txt": "كىتاپ ٴالى شىقپاعان 😅 كىم تاپتى ەكەن؟ ايتىڭىزدار.\n",
}


def check_datelines(
    folder: Path,
    project_xml: str,
    rules: Path | None,
    java: str,
    jar: Path,
    texts: dict[str, str] = DATELINES,
) -> list[tuple[str, list[str], list[str]]]:
    """Where OmegaT cuts ``texts`` (:data:`DATELINES`, or :data:`OTHER_SCRIPTS`) otherwise
    than kopir's ingest.

    For each text: kopir's sentences of it that are no OmegaT segment, and
    OmegaT's segments of it that are no kopir sentence (both empty: the same cuts).
    """
    segments = omegat_segments(folder, project_xml, texts, None, rules, java, jar)
    sentences = {
        name: [s.text for s in build_document(text.encode(), name, "d").doc.kk.sentences()]
        for name, text in texts.items()
    }
    everything = {s for found in sentences.values() for s in found}
    return [
        (
            name,
            [s for s in sentences[name] if s not in segments],
            sorted(s for s in segments if s in text and s not in everything),
        )
        for name, text in texts.items()
    ]


def omegat_segments(
    folder: Path,
    project_xml: str,
    texts: dict[str, str],
    tmx: Path | None,
    rules: Path | None,
    java: str,
    jar: Path,
) -> set[str]:
    """OmegaT's segments of ``texts`` (file name → text), sentence segmentation on.

    The project is built in ``folder``: the texts in ``source``, ``tmx`` in
    ``tm/auto``, ``rules`` as ``omegat/segmentation.conf`` (OmegaT's own rules
    without). OmegaT translates it (``target``, ``omegat/project_stats.txt``),
    then lists its distinct segments (a pseudo-translation TMX), which are returned.
    """
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (folder / sub).mkdir(parents=True)
    (folder / "omegat.project").write_text(
        project_xml.replace("<sentence_seg>false", "<sentence_seg>true"), "utf-8"
    )
    for name, text in texts.items():
        (folder / "source" / name).write_text(text, "utf-8", newline="")
    if tmx is not None:
        shutil.copy(tmx, folder / "tm" / "auto" / tmx.name)
    if rules is not None:
        shutil.copy(rules, folder / "omegat" / "segmentation.conf")
    pseudo = folder.parent / f"{folder.name}-segments.tmx"
    segment_list = [PSEUDO, f"--pseudotranslatetmx={pseudo}", "--pseudotranslatetype=equal"]
    for mode in ([CONSOLE], segment_list):
        run = subprocess.run(
            [java, "-Djava.awt.headless=true", "-jar", str(jar), str(folder), *mode],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if run.returncode != 0:
            raise SystemExit(f"OmegaT {mode[0]} failed:\n{run.stdout}{run.stderr}")
    return {tuv.findtext("seg") for tuv in etree.parse(str(pseudo)).iter("tuv")}


#: A Java program that compiles every expression of an SRX file with java.util.regex
#: (OmegaT's and Okapi's engine), run as a single source file (Java 11+).
CHECK_JAVA = """
import java.util.regex.*;
import javax.xml.parsers.*;
import org.w3c.dom.*;
public class CheckSrx {
  public static void main(String[] a) throws Exception {
    DocumentBuilder b = DocumentBuilderFactory.newInstance().newDocumentBuilder();
    Document d = b.parse(new java.io.File(a[0]));
    int n = 0, bad = 0;
    for (String tag : new String[]{"beforebreak", "afterbreak"}) {
      NodeList l = d.getElementsByTagName(tag);
      for (int i = 0; i < l.getLength(); i++) {
        n++;
        try { Pattern.compile(l.item(i).getTextContent()); }
        catch (PatternSyntaxException e) { bad++; System.out.println("  " + e.getDescription()); }
      }
    }
    System.out.println(n + " " + bad);
  }
}
"""


def check_srx(srx: Path, java: str) -> tuple[int, int, int]:
    """How many of the SRX file's expressions there are, how many Java refuses, and how many
    hold characters beyond U+FFFF (which .NET's regex, Trados's and memoQ's, reads as pairs)."""
    source = srx.with_name("CheckSrx.java")
    source.write_text(CHECK_JAVA, "utf-8")
    run = subprocess.run([java, str(source), str(srx)], capture_output=True, text=True, timeout=120)
    *problems, last = run.stdout.strip().splitlines() or ["0 0"]
    for line in problems:
        print(line)
    total, refused = (int(n) for n in last.split())
    tree = etree.parse(str(srx))
    astral = sum(
        any(ord(c) > 0xFFFF for c in element.text or "")
        for element in tree.iter("{*}beforebreak", "{*}afterbreak")
    )
    return total, refused, astral


def _stats(path: Path) -> dict[str, list[int]]:
    """The summary rows of OmegaT's ``project_stats.txt``: ``Total``, ``Remaining``…"""
    rows = {}
    for line in path.read_text("utf-8").splitlines():
        match = re.match(r"^(Total|Remaining|Unique|Unique Remaining):\s+(.*)$", line)
        if match:
            rows[match.group(1)] = [int(n) for n in match.group(2).split()]
    return rows


def describe(label: str, outcome: Outcome) -> str:
    """Two lines for one run: OmegaT's own count, and the bar's."""
    share = 100 * outcome.matched / max(outcome.one_to_one, 1)
    return (
        f"{label}: OmegaT made {outcome.segments} segments and filled {outcome.filled} "
        f"({100 * outcome.filled / max(outcome.segments, 1):.0f}%) from kopir's TMX\n"
        f"{'':{len(label)}}  Kazakh sentences of 1-1 units with an exact match: "
        f"{outcome.matched} of {outcome.one_to_one} ({share:.1f}%)"
    )
