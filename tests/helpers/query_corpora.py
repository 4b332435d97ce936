"""Small corpora for the search tests: a document whose bead n is pair n
(``query_doc``), a corpus of such documents (``make_corpus``), and ``NEWS``, two short
news documents."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side
from corpus.storage.store import Corpus

QueryPair = tuple[str, str]


def query_doc(
    doc_id: str,
    pairs: Sequence[QueryPair],
    *,
    date: str | None = None,
    confirmed: Sequence[int] = (),
    linked: bool = True,
    title: str = "",
) -> Document:
    """A document whose bead n is pair n (1-1); an empty string leaves that side out (1-0/0-1).

    ``confirmed`` are bead indices to mark confirmed; ``linked=False`` makes a
    document with sentences on both sides but no links yet.
    """
    kk: list[Sentence] = []
    en: list[Sentence] = []
    links: list[Link] = []
    for n, (k, e) in enumerate(pairs):
        kk_ids: tuple[str, ...] = ()
        en_ids: tuple[str, ...] = ()
        if k:
            kk.append(Sentence.plain(f"kk.s{len(kk) + 1}", k))
            kk_ids = (kk[-1].id,)
        if e:
            en.append(Sentence.plain(f"en.s{len(en) + 1}", e))
            en_ids = (en[-1].id,)
        status = "confirmed" if n in confirmed else "auto"
        links.append(Link(kk_ids, en_ids, status, 0.9))
    return Document(
        doc_id,
        Metadata(title=title or doc_id, date=date),
        Side("kk", [Block(BlockKind.P, kk)] if kk else []),
        Side("en", [Block(BlockKind.P, en)] if en else []),
        links if linked else [],
    )


def make_corpus(root: Path, docs: dict[str, Sequence[QueryPair]], **options: object) -> Corpus:
    """A corpus directory holding one document per entry of ``docs``."""
    corpus = Corpus(root)
    for doc_id, pairs in docs.items():
        corpus.save(query_doc(doc_id, pairs, **options))  # type: ignore[arg-type]
    return corpus


#: A small bilingual corpus for the behaviour tests.
NEWS: dict[str, list[QueryPair]] = {
    "a_news": [
        ("Қазақстан Республикасының Президенті сөз сөйледі.", "The President of Kazakhstan spoke."),
        ("Қасым-Жомарт Тоқаев Брюссельге барды.", "Kassym-Jomart Tokayev went to Brussels."),
        ("Тоқаевтың сапары маңызды болды.", "Tokayev's visit was important."),
        ("ЕҚЫҰ саммиті Астанада өтті.", "The OSCE summit took place in Astana."),
        ("ЕҚЫҰ төрағалығы туралы айтылды.", "The chairmanship was discussed."),
    ],
    "b_news": [
        (
            "Қазақстанның сыртқы саясаты көпвекторлы.",
            "Kazakhstan's foreign policy is multi-vector.",
        ),
        ("Қазақстанға инвестиция келді.", "Investment came to Kazakhstan."),
        ("Президент Тоқаевпен кездесу болды.", "There was a meeting with President Tokayev."),
    ],
}


_SHARED_EN = [
    "The fishermen are sitting on the river bank.",
    "The river flooded yesterday.",
    "The fishermen caught fish in the river.",
]
_CYRILLIC = [
    "Балықшылар өзен жағасында отыр.",
    "Өзен кеше тасыды.",
    "Балықшылар өзеннен балық аулады.",
]
_LATIN = [
    "Balyqshylar ózen jaǵasynda otyr.",
    "Ózen keshe tasydy.",
    "Balyqshylar ózennen balyq aýlady.",
    "Balyq kóp boldy.",  # Балық көп болды.
]
_TOTE = [
    "بالىقشىلار ٶزەن جاعاسىندا وتىر.",
    "ٶزەن كەشە تاسىدى.",
    "بالىقشىلار ٶزەننەن بالىق اۋلادى.",
    "كەشە جاڭبىر جاۋدى.",  # Кеше жаңбыр жауды.
]
#: Kazakh in three scripts (written for the tests of the linguist's views): the same three
#: sentences in Cyrillic, in the 2018 Latin alphabet and in the Arabic script (töte); the
#: Latin document adds Балық көп болды., the töte one Кеше жаңбыр жауды.
SCRIPTS: dict[str, list[QueryPair]] = {
    "a_cyrillic": list(zip(_CYRILLIC, _SHARED_EN, strict=True)),
    "b_latin": list(zip(_LATIN, [*_SHARED_EN, "There were many fish."], strict=True)),
    "c_tote": list(zip(_TOTE, [*_SHARED_EN, "It rained yesterday."], strict=True)),
}
