"""Scoring a machine translation of the corpus's Kazakh against its English, with sacrebleu.

The corpus doubles as an MT test set. The workflow::

    kopir export source -o test.kk         # every Kazakh sentence, one a line
    my-mt-system < test.kk > test.hyp.en   # any system: one English line per Kazakh line
    kopir score test.hyp.en                # BLEU, chrF++ and TER, per document and overall

**The hypothesis file** has exactly one line per Kazakh sentence, in the
order :func:`align.formats.plain.export_source` writes them: documents in the
order given (default: all, sorted by id), and in each document its Kazakh
sentences in reading order. One line per sentence, not per unit, keeps the
source file independent of how the sentences are grouped into beads, so an
MT system translates sentence by sentence, as it was trained to, and
realigning the English does not invalidate a translation already made.

**How lines meet references.** Each bead with both sides is one scored
segment: the hypothesis lines of its Kazakh sentences joined by a space,
against the bead's English sentences joined by a space. So a 2-1 bead scores
two hypothesis lines against one English sentence, a 1-2 bead one line
against two sentences. Lines of Kazakh sentences in 1-0 beads have no
reference and are not scored (they must still be in the file, so that line
numbers stay sentence numbers); English sentences in 0-1 beads have no
source and are not scored either. As in every export, only confirmed beads
count unless unconfirmed ones are asked for.

The scores are sacrebleu's corpus-level BLEU, chrF++ (``CHRF(word_order=2)``)
and TER with their default settings, each reported with its signature so a
result can be reproduced and compared. References are passed as one stream,
``[refs]``, as sacrebleu expects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF, TER

from align.formats.export import document_ids
from align.formats.units import SKIP_UNCONFIRMED, Selection, all_units, select
from corpus.errors import KopirError, Remedy
from corpus.storage.store import Corpus

MAX_HYP_BYTES = 1024**3


@dataclass(frozen=True)
class Scores:
    """BLEU, chrF++ and TER of one document or of all of them."""

    name: str
    segments: int
    bleu: float
    chrf: float
    ter: float


@dataclass
class ScoreReport:
    """Per-document and overall scores, the metrics' signatures, and what was not scored."""

    documents: list[Scores]
    overall: Scores
    signatures: dict[str, str]
    lines: int
    skipped: Counter[str] = field(default_factory=Counter)
    unscored_documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        def row(s: Scores) -> dict[str, object]:
            return {
                "document": s.name,
                "segments": s.segments,
                "bleu": s.bleu,
                "chrf++": s.chrf,
                "ter": s.ter,
            }

        return {
            "documents": [row(s) for s in self.documents],
            "overall": row(self.overall),
            "signatures": self.signatures,
            "lines": self.lines,
            "skipped": dict(self.skipped),
            "unscored_documents": self.unscored_documents,
        }


def read_hypotheses(path: Path) -> list[str]:
    """The lines of a hypothesis file (UTF-8), without their line ends.

    Only ``\\n`` ends a line (with an optional ``\\r`` before it), so a
    system's stray U+2028 does not shift the lines; a last line without a
    line end counts.
    """
    try:
        size = path.stat().st_size
        if size > MAX_HYP_BYTES:
            raise KopirError(f"{path}: {size:,} bytes is too large for a hypothesis file")
        data = path.read_bytes()
    except OSError as exc:
        raise KopirError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KopirError(f"{path}: line {line}: not UTF-8 (byte {exc.start})") from None
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def score_file(
    corpus: Corpus,
    hyp_path: Path,
    doc_ids: Sequence[str] | None = None,
    *,
    include_unconfirmed: bool = False,
) -> ScoreReport:
    """Score the hypothesis file ``hyp_path`` against the English of ``doc_ids`` (default: all)."""
    return score_lines(
        corpus,
        read_hypotheses(hyp_path),
        doc_ids,
        include_unconfirmed=include_unconfirmed,
        name=hyp_path,
    )


def score_lines(
    corpus: Corpus,
    lines: Sequence[str],
    doc_ids: Sequence[str] | None = None,
    *,
    include_unconfirmed: bool = False,
    name: Path | str = "hypotheses",
) -> ScoreReport:
    """Score one hypothesis line per Kazakh sentence (module docstring: order and mapping)."""
    ids = document_ids(corpus, doc_ids)
    docs = [corpus.load(doc_id) for doc_id in ids]
    expected = sum(len(doc.kk.sentences()) for doc in docs)
    if len(lines) != expected:
        scope = "the corpus has" if not doc_ids else f"the {len(ids)} documents given have"
        # 'kopir export source DOC' then 'kopir score FILE' without --doc: say which fits.
        fits = [doc.id for doc in docs if len(doc.kk.sentences()) == len(lines)]
        hint = (
            f"; it fits {fits[0]} ({len(lines):,} Kazakh sentences): "
            f"kopir score FILE --doc {fits[0]}"
            if len(fits) == 1 and len(docs) > 1
            else ""
        )
        raise KopirError(
            f"{name}: {len(lines):,} lines, but {scope} {expected:,} Kazakh sentences; the file "
            f"needs one line per sentence, in the order 'kopir export source' writes them{hint}"
        )
    selection = Selection(include_empty=False, include_unconfirmed=include_unconfirmed)
    skipped: Counter[str] = Counter()
    per_doc: list[tuple[str, list[str], list[str]]] = []
    unscored: list[str] = []
    offset = 0
    for doc in docs:
        line_of = {s.id: offset + i for i, s in enumerate(doc.kk.sentences())}
        offset += len(line_of)
        hyps, refs = [], []
        for unit in select(all_units(doc), selection, skipped):
            parts = (lines[line_of[sid]].strip() for sid in unit.kk_ids)
            hyps.append(" ".join(part for part in parts if part))
            refs.append(unit.en)
        if hyps:
            per_doc.append((doc.id, hyps, refs))
        else:
            unscored.append(doc.id)
    if not per_doc:
        remedies = [Remedy("include_unconfirmed", "score unconfirmed beads too")]
        raise KopirError(
            "no aligned pairs to score against", *(remedies if skipped[SKIP_UNCONFIRMED] else [])
        )
    metrics = _metrics()
    documents = [_score(name, hyps, refs, metrics) for name, hyps, refs in per_doc]
    all_hyps = [h for _, hyps, _ in per_doc for h in hyps]
    all_refs = [r for _, _, refs in per_doc for r in refs]
    overall = _score("overall", all_hyps, all_refs, metrics)
    signatures = {label: str(metric.get_signature()) for label, metric in metrics.items()}
    return ScoreReport(documents, overall, signatures, len(lines), skipped, unscored)


def _metrics() -> dict[str, BLEU | CHRF | TER]:
    return {"BLEU": BLEU(), "chrF++": CHRF(word_order=2), "TER": TER()}


def _score(
    name: str, hyps: list[str], refs: list[str], metrics: dict[str, BLEU | CHRF | TER]
) -> Scores:
    values = {label: m.corpus_score(hyps, [refs]).score for label, m in metrics.items()}
    return Scores(name, len(hyps), values["BLEU"], values["chrF++"], values["TER"])
