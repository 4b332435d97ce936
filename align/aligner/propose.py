"""The automatic Kazakh–English sentence aligner.

It proposes beads (1-1, 2-1, 1-2, 0-1, 1-0, 2-2, 3-1, 1-3) with a confidence,
from four kinds of evidence combined in one cost:

* sentence lengths (:mod:`align.aligner.lengths`), with the length ratio taken from
  the document pair itself;
* shared numbers, dates, names, quotation marks and meanings
  (:mod:`align.aligner.features`), each weighted by how rare it is in the document, so
  a year that occurs once is a strong anchor and "Kazakhstan" is a weak one;
* paragraph boundaries, which translators mostly keep;
* the prior frequency of each bead size.

Confirmed beads are anchors: only the stretches between them are aligned, so
re-aligning never undoes a translator's decision.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence, Set
from dataclasses import dataclass, field, replace

import numpy as np

from align.aligner.calibrate import COEF, Own, confidence, evidence, in_context
from align.aligner.dynamic import Problem, Weights, search
from align.aligner.features import FeatureExtractor
from align.aligner.framing import STAMPS, read_labels
from align.aligner.lengths import (
    DEFAULT_RATIO,
    DEFAULT_TAIL,
    DEFAULT_VARIANCE,
    LengthModel,
    blend,
)
from align.aligner.lexicon import Lexicon, core_lexicon
from align.aligner.members import silence_cost
from align.aligner.overlaps import Overlaps, ranges
from align.aligner.posterior import UNSCORED, Certainty, posteriors
from align.model import IndexBead
from corpus.text.script import kk_cyrillic_lines

#: How much each kind of feature counts before rarity weighting. Registry meanings (R)
#: are learned from software translations, so they count half a hand-written meaning (W).
FEATURE_WEIGHTS = {
    "N": 2.0, "M": 1.5, "P": 1.5, "W": 1.0, "Q": 0.5, "A": 1.0, "T": 1.0, "R": 0.5,
}  # fmt: skip
#: Features in more than this share of the sentences say nothing about which pairs match.
MAX_DOC_FREQ = 0.4
#: The total and median length ratios of a pair agree when within this factor.
RATIO_AGREEMENT = 1.25
#: A document's ratio within this factor of the corpus's (DEFAULT_RATIO) is a usual one: about
#: three in four of the real development pairs' ratios, over the sentences they pair, are.
USUAL_RATIO = 1.2
#: A ratio the lengths alone cannot be trusted for is estimated from what a first pass
#: pairs, this many times over, with the corpus ratio worth RATIO_PRIOR_CHARS Kazakh
#: characters of such pairs.
#:
#: The estimate stays close to where the first pass starts: that pass pairs by lengths at
#: the ratio it is given, then measures the ratio of what it paired. Started from the
#: corpus ratio it shrinks towards it, by about as much on both sides (main at e223513,
#: mean error of the fitted log ratio against the gold's, by the gold's band: +0.184 below
#: 0.95, 20 documents; -0.002 from 0.95 to 1.2, 51; -0.189 from 1.2 up, 22; the signed
#: table of benchmarks/bench_length_fit.py). It is no bias to correct. Pooled development
#: strict F1, 0.8036 as shipped: the first pass started (and the prior centred) at the
#: lengths-alone ratio 0.7505, half-way to it 0.7851; the prior alone centred there 0.7861,
#: half-way 0.7943; a lighter prior 0.7911 (0 characters), 0.7929 (250), a heavier one
#: 0.7992 (1000); counting only 1-1 beads 0.7934, only beads of similarity >= 0.3 0.7977;
#: a first pass with the ratio's spread at 0.17 (the corpus ratio's RMS error) 0.7951; more
#: passes, unchanged. Even started at the gold's own ratio the pass gains nothing (0.8037);
#: the gold's ratio put in place of the fitted one after the fit, its spread kept, is worth
#: 0.8100 (on the documents re-estimated; 0.8231 on all): what a better estimate could
#: still win, with evidence the first pass does not have.
RATIO_PASSES = 2
RATIO_PRIOR_CHARS = 500.0
#: The document's own length spread is fitted on a first pass over at most this many
#: Kazakh sentences (a prefix of a longer document), from the 1-1 beads of body
#: sentences whose shared-feature similarity is at least FIT_SIMILARITY.
FIT_SAMPLE = 200
FIT_SIMILARITY = 0.3
#: The parts of the document's own length model (:meth:`_Document._fitted_lengths`): the
#: ratio re-estimated from a first pass, the spread that ratio's uncertainty adds, the
#: variance and tail fitted on the pairs the first pass is sure of, and what a silent
#: member of a merge costs. All are used; leaving one out (``Aligner.fit_parts``) measures
#: what it does to each document (benchmarks/bench_length_fit.py).
FIT_PARTS = frozenset({"ratio", "spread", "variance", "silence"})
#: A bead's sentence is compared with this many sentences of the other side on each side of
#: the bead for what it shares elsewhere (:meth:`_Document.elsewhere`). Any of 1 to 6 did
#: about as well out of set on the development pairs.
NEARBY = 2


@dataclass
class Aligner:
    """Aligns two sentence sequences. ``use_features=False`` gives a length-only baseline."""

    lexicon: Lexicon = field(default_factory=core_lexicon)
    variance: float = DEFAULT_VARIANCE
    tail: float = DEFAULT_TAIL
    weights: Weights = field(default_factory=Weights)
    use_features: bool = True
    fit_lengths: bool = True
    fit_parts: frozenset[str] = FIT_PARTS
    calibration: tuple[float, ...] = COEF
    band: int = 40

    def __post_init__(self) -> None:
        unknown = set(self.fit_parts) - FIT_PARTS
        if unknown:
            raise ValueError(f"unknown parts of the length fit: {sorted(unknown)}")

    def align(
        self,
        kk: Sequence[str],
        en: Sequence[str],
        kk_par_end: Sequence[bool] | None = None,
        en_par_end: Sequence[bool] | None = None,
        anchors: Sequence[IndexBead] = (),
        anchor_starts: Sequence[tuple[int, int]] | None = None,
    ) -> list[IndexBead]:
        """Align ``kk`` with ``en``; every sentence is in exactly one bead, in order.

        ``*_par_end[i]`` says sentence i ends a paragraph. ``anchors`` are beads
        that must stay (confirmed by a translator), in document order; the
        stretches between them are aligned on their own. An anchor with an
        empty side (a 0-1 or 1-0 bead) cannot say by its sentences where it
        sits on that side, so ``anchor_starts`` gives each anchor's (Kazakh,
        English) position; without it, an empty side sits right after the
        anchor before it.
        """
        return self._align(kk, en, kk_par_end, en_par_end, anchors, anchor_starts)[0]

    def explain(self, kk: Sequence[str], en: Sequence[str]) -> list[tuple[IndexBead, tuple]]:
        """Each proposed bead with the evidence its confidence was computed from
        (:func:`align.aligner.calibrate.in_context`), for fitting the calibration."""
        beads, doc = self._align(kk, en, None, None, (), None)
        return [(b, doc.evidence[(b.kk, b.en)]) for b in beads]

    def _align(
        self,
        kk: Sequence[str],
        en: Sequence[str],
        kk_par_end: Sequence[bool] | None,
        en_par_end: Sequence[bool] | None,
        anchors: Sequence[IndexBead],
        anchor_starts: Sequence[tuple[int, int]] | None,
    ) -> tuple[list[IndexBead], _Document]:
        if anchor_starts is not None and len(anchor_starts) != len(anchors):
            raise ValueError("anchor_starts must give one position per anchor")
        doc = _Document(self, kk, en, kk_par_end, en_par_end)
        beads: list[IndexBead] = []
        proposed: list[bool] = []
        k = e = 0
        for n, anchor in enumerate(anchors):
            k_at, e_at = anchor_starts[n] if anchor_starts is not None else (k, e)
            k_next = anchor.kk[0] if anchor.kk else k_at
            e_next = anchor.en[0] if anchor.en else e_at
            if k_next < k or e_next < e or k_next > len(kk) or e_next > len(en):
                raise ValueError(f"anchor {anchor.vecalign()} overlaps another or is out of order")
            stretch = doc.align_stretch(k, k_next, e, e_next)
            beads += [*stretch, anchor]
            proposed += [True] * len(stretch) + [False]
            k = anchor.kk[-1] + 1 if anchor.kk else k_next
            e = anchor.en[-1] + 1 if anchor.en else e_next
        stretch = doc.align_stretch(k, len(kk), e, len(en))
        beads += stretch
        proposed += [True] * len(stretch)
        return doc.scored(beads, proposed), doc


class _Document:
    """Per-document preparation shared by all stretches: lengths, features, weights."""

    def __init__(
        self,
        aligner: Aligner,
        kk: Sequence[str],
        en: Sequence[str],
        kk_par_end: Sequence[bool] | None,
        en_par_end: Sequence[bool] | None,
    ) -> None:
        self.aligner = aligner
        # A silent member of a merge costs what this document's first pass says silence is
        # worth (members.silence_cost); the first pass itself judges without it.
        self.weights = replace(aligner.weights, silent=0.0)
        self.evidence: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[float, ...]] = {}
        self.certainty: dict[tuple[tuple[int, ...], tuple[int, ...]], Certainty] = {}
        self.bead_sims: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        self._similarity: dict[tuple[int, int], float] = {}
        self._shared_weight: dict[tuple[int, int], float] = {}
        self.kk_len = np.array([_length(s) for s in kk], dtype=np.float64)
        self.en_len = np.array([_length(s) for s in en], dtype=np.float64)
        self.kk_par = np.array(kk_par_end if kk_par_end is not None else [False] * len(kk), bool)
        self.en_par = np.array(en_par_end if en_par_end is not None else [False] * len(en), bool)
        if len(self.kk_par) != len(kk) or len(self.en_par) != len(en):
            raise ValueError("paragraph flags must have one entry per sentence")
        # A Kazakh edition in the 2018 Latin alphabet is read into Cyrillic once, as a whole
        # (a short line of it may lack that alphabet's own letters), for both of the below.
        kk_read = kk_cyrillic_lines(kk) if aligner.use_features else list(kk)
        # Framing lines are evidence too: the length-only baseline goes without.
        kk_labels = read_labels(kk_read) if aligner.use_features else [(0, "")] * len(kk)
        en_labels = read_labels(list(en)) if aligner.use_features else [(0, "")] * len(en)
        self.kk_kind = np.array([k for k, _ in kk_labels], np.int8)
        self.en_kind = np.array([k for k, _ in en_labels], np.int8)
        # One ratio for the whole pair: a short stretch between anchors says little.
        # Framing lines (counters, datelines) are no evidence of how long a translation is.
        kk_body, en_body = self.kk_kind == 0, self.en_kind == 0
        kk_lens, en_lens = self.kk_len, self.en_len
        if kk_body.any() and en_body.any():
            kk_lens, en_lens = kk_lens[kk_body], en_lens[en_body]
        self.ratio, trusted = _plausible_ratio(kk_lens, en_lens)
        self.lengths_gap = _ratio_gap(kk_lens, en_lens)
        self.lengths = LengthModel(self.ratio, aligner.variance, aligner.tail)
        # What the fit below rests on, kept for diagnosis (benchmarks/bench_length_fit.py):
        # the ratio the lengths alone give and whether it was kept, how many of a first
        # pass's beads re-estimated it, how many 1-1 pairs the spread was fitted on.
        self.lengths_alone, self.trusted = self.ratio, trusted
        self.ratio_beads = self.spread_pairs = 0
        if aligner.use_features:
            extract = FeatureExtractor(aligner.lexicon)
            # A stamp (a file name, a web address) is a machine string: its figures are no
            # evidence of a pair (framing.STAMPS).
            kk_groups = [
                () if r in STAMPS else tuple(extract.groups(s, "kk"))
                for s, (_, r) in zip(kk_read, kk_labels, strict=True)
            ]
            en_groups = [
                () if r in STAMPS else tuple(extract.groups(s, "en"))
                for s, (_, r) in zip(en, en_labels, strict=True)
            ]
        else:
            kk_groups, en_groups = [() for _ in kk], [() for _ in en]
        # Per-sentence features are kept in tuples where they can be: a tuple of strings
        # leaves the garbage collector's books at its first pass, a list or a set never does.
        # Tens of thousands of them made the collector's full passes (which walk every object
        # the process holds, the lexicon's too) dearer and more frequent. A tuple keeps the
        # order of what it was made from, so every sum is added in the same order.
        kk_feats = [tuple({f for g in gs for f in g}) for gs in kk_groups]
        en_feats = [tuple({f for g in gs for f in g}) for gs in en_groups]
        self.weight = _feature_weights(kk_feats + en_feats)
        # Only features that can be shared matter from here on.
        self.kk_feats = [tuple([f for f in fs if f in self.weight]) for fs in kk_feats]
        self.en_feats = [{f for f in fs if f in self.weight} for fs in en_feats]
        self.kk_mass = np.array([_mass(gs, self.weight) for gs in kk_groups])
        self.en_mass = np.array([_mass(gs, self.weight) for gs in en_groups])
        self.en_index = _inverted(self.en_feats)
        # What a sentence shares with the sentence before it: a merge of the two holds it
        # twice, and the other side of the bead may say it only once (members.bead_overlap).
        # A feature the other side says twice is still shared by both members.
        self.kk_twice = [()] + [
            _shared(fs, set(before))
            for before, fs in zip(self.kk_feats, self.kk_feats[1:], strict=False)
        ]
        self.en_twice_index = _inverted(
            [set()]
            + [fs & before for before, fs in zip(self.en_feats, self.en_feats[1:], strict=False)]
        )
        # Only these features are ever looked up in the two below.
        kk_twice_any = set().union(*self.kk_twice)
        self.en_once_index = _inverted(
            [_once(fs & kk_twice_any, gs) for fs, gs in zip(self.en_feats, en_groups, strict=True)]
        )
        twice_en = self.en_twice_index.keys()
        self.kk_once = [
            _shared(fs, _once({f for f in fs if f in twice_en}, gs))
            for fs, gs in zip(self.kk_feats, kk_groups, strict=True)
        ]
        # The band's shared weights (the search's Q, and the parts of it a merge would count
        # twice), looked up a chunk of rows at a time.
        m = len(en)
        self.overlaps = Overlaps(self.kk_feats, self.en_index, self.weight, m)
        self.kk_twice_overlaps = Overlaps(self.kk_twice, self.en_once_index, self.weight, m)
        self.kk_once_overlaps = Overlaps(self.kk_once, self.en_twice_index, self.weight, m)
        if aligner.fit_lengths and aligner.use_features:
            self.lengths = self._fitted_lengths(trusted or "ratio" not in aligner.fit_parts)
        elif aligner.use_features:
            self._weigh_silence([])

    def _fitted_lengths(self, trusted: bool) -> LengthModel:
        """The corpus length model with its variance (and, unless ``trusted``, its ratio)
        refitted on this document.

        A first pass with the corpus model finds the sentence pairs the evidence is sure
        of; their length differences say how freely this edition was translated. When the
        document's lengths give no ratio to trust, the first pass starts from the corpus
        ratio and the ratio is re-estimated from what it paired, RATIO_PASSES times; how far
        that lands from what the lengths alone said is how uncertain the ratio still is
        (half the gap, in log space, taken as its standard deviation), and it widens the
        length model so that the length evidence counts for less. A ratio kept as the
        lengths give it is as uncertain as its two estimates (the totals' and the medians')
        are apart (:func:`_ratio_gap`): the same rule, so that totals and medians that just
        agree enough to be trusted (RATIO_AGREEMENT) do not make the length evidence count
        in full where, a shade further apart, they would make it count for far less.

        Only the parts the aligner asks for (``Aligner.fit_parts``) are taken from the
        document; without ``"ratio"`` the ratio the lengths alone give is kept.
        """
        parts = self.aligner.fit_parts
        n, m = len(self.kk_len), len(self.en_len)
        if not n or not m:
            return self.lengths
        k1 = min(n, FIT_SAMPLE)
        e1 = m if k1 == n else min(m, max(1, round(k1 * m / n)))
        keep = k1 if k1 == n else int(0.9 * k1)  # a prefix's last beads are unreliable
        ratio = self.ratio if trusted else DEFAULT_RATIO
        for _ in range(1 if trusted else RATIO_PASSES):
            self.certainty.clear()  # a first pass's beads are not proposals
            self.bead_sims.clear()
            self.lengths = LengthModel(ratio, self.aligner.variance, self.aligner.tail)
            beads = self.align_stretch(0, k1, 0, e1, posterior=False)
            if not trusted:
                ratio = self._paired_ratio(beads, keep, ratio)
        body = [
            (b.kk[0], b.en[0])
            for b in beads
            if len(b.kk) == 1 and len(b.en) == 1
            and b.kk[0] < keep and not self.kk_kind[b.kk[0]] and not self.en_kind[b.en[0]]
        ]  # fmt: skip
        pairs = [
            (self.kk_len[k], self.en_len[e])
            for k, e in body
            if self.bead_sims[((k,), (e,))] >= FIT_SIMILARITY
        ]
        self._weigh_silence(body if "silence" in parts else [])
        self.spread_pairs = len(pairs)
        self.certainty.clear()
        self.bead_sims.clear()
        gap = self.lengths_gap if trusted else abs(math.log(ratio / self.ratio))
        spread = gap / 2 if "spread" in parts else 0.0
        self.ratio = ratio
        model = LengthModel(ratio, self.aligner.variance, self.aligner.tail, spread)
        return blend(model, pairs) if "variance" in parts else model

    def _weigh_silence(self, pairs: list[tuple[int, int]]) -> None:
        """Let a silent member of a merge cost what silence is worth given these 1-1 pairs."""
        worth = silence_cost(pairs, len(self.en_len), self._pair_similarity)
        self.weights = replace(self.aligner.weights, silent=self.aligner.weights.silent * worth)

    def _paired_ratio(self, beads: list[IndexBead], keep: int, ratio: float) -> float:
        """The English/Kazakh length ratio of the body sentences a pass paired, shrunk (in
        log space) to the corpus ratio by RATIO_PRIOR_CHARS; ``ratio`` if it paired none.

        Every bead with both sides counts, merges too: the ratio is one of content, and a
        merge shows it as well as a 1-1 does. Sentences left unpaired (a section only one
        edition has) and framing lines count for nothing.
        """
        kk = en = 0.0
        counted = 0
        for b in beads:
            if not b.kk or not b.en or b.kk[-1] >= keep:
                continue
            if self.kk_kind[list(b.kk)].any() or self.en_kind[list(b.en)].any():
                continue
            kk += self.kk_len[list(b.kk)].sum()
            en += self.en_len[list(b.en)].sum()
            counted += 1
        self.ratio_beads = counted
        if not kk:
            return ratio
        log_ratio = kk * math.log(en / kk) + RATIO_PRIOR_CHARS * math.log(DEFAULT_RATIO)
        return math.exp(log_ratio / (kk + RATIO_PRIOR_CHARS))

    def align_stretch(
        self, k0: int, k1: int, e0: int, e1: int, *, posterior: bool = True
    ) -> list[IndexBead]:
        """The beads of Kazakh ``k0 … k1 - 1`` and English ``e0 … e1 - 1``, scored (the
        posteriors the confidence needs are skipped on a first pass that is not proposed)."""
        n, m = k1 - k0, e1 - e0
        if n == 0 and m == 0:
            return []
        if n == 0 or m == 0:
            lonely = [((k,), ()) for k in range(k0, k1)] + [((), (e,)) for e in range(e0, e1)]
            return [self._bead(kk, en, 0.0) for kk, en in lonely]
        lengths = self.lengths
        problem = Problem(
            kk_len=self.kk_len[k0:k1],
            en_len=self.en_len[e0:e1],
            kk_mass=self.kk_mass[k0:k1],
            en_mass=self.en_mass[e0:e1],
            kk_par_end=self.kk_par[k0:k1],
            en_par_end=self.en_par[e0:e1],
            overlap_rows=lambda first, lo, width: self.overlaps.rows(k0, e0, e1, first, lo, width),
            twice_rows=lambda first, lo, width: (
                self.kk_twice_overlaps.rows(k0, e0, e1, first, lo, width),
                self.kk_once_overlaps.rows(k0, e0, e1, first, lo, width),
            ),
            pair_overlap=lambda a0, a1, b0, b1: self._pair_overlap(
                k0 + a0, k0 + a1, e0 + b0, e0 + b1
            ),
            kk_kind=self.kk_kind[k0:k1],
            en_kind=self.en_kind[e0:e1],
            starts=k0 == 0 and e0 == 0,
            ends=k1 == len(self.kk_len) and e1 == len(self.en_len),
        )
        weights = self.weights
        path = search(problem, lengths, weights, self.aligner.band, keep=posterior)
        sure = (
            posteriors(problem, lengths, weights, path.beads, path.lattice)
            if posterior
            else [UNSCORED] * len(path.beads)
        )
        return [
            self._bead(tuple(range(k0 + a0, k0 + a1)), tuple(range(e0 + b0, e0 + b1)), sim, p)
            for (a0, a1, b0, b1), sim, p in zip(path.beads, path.sims, sure, strict=True)
        ]

    def _bead(
        self,
        kk: tuple[int, ...],
        en: tuple[int, ...],
        sim: float,
        sure: Certainty = UNSCORED,
    ) -> IndexBead:
        """A proposed bead, how sure the lattice is of it kept for :meth:`scored` (which gives
        it its confidence once its neighbours are known) and its similarity for the length fit."""
        self.certainty[(kk, en)] = sure
        self.bead_sims[(kk, en)] = sim
        return IndexBead(kk, en)

    def scored(self, beads: list[IndexBead], proposed: list[bool]) -> list[IndexBead]:
        """The document's beads in order, each ``proposed`` one with its confidence (and its
        evidence completed by what the beads around it say); the others as they were."""
        self._shares = self._bead_shares([b for b, p in zip(beads, proposed, strict=True) if p])
        own = [
            self._evidence(b.kk, b.en) if p else None for b, p in zip(beads, proposed, strict=True)
        ]
        full = in_context(own)
        out = []
        for bead, x in zip(beads, full, strict=True):
            if x is not None:
                self.evidence[(bead.kk, bead.en)] = x
                bead = bead._replace(score=confidence(x, self.aligner.calibration))
            out.append(bead)
        return out

    def _evidence(self, kk: tuple[int, ...], en: tuple[int, ...]) -> Own:
        """A proposed bead's own evidence (:func:`align.aligner.calibrate.evidence`)."""
        sure = self.certainty[(kk, en)]
        if not (kk and en):
            return evidence(len(kk), len(en), sure.posterior, sure.runner_up)
        return evidence(
            len(kk),
            len(en),
            sure.posterior,
            sure.runner_up,
            *self._shares[(kk, en)],
        )

    def _bead_shares(
        self, beads: Sequence[IndexBead]
    ) -> dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[float, float]]:
        """:meth:`explained` and :meth:`elsewhere` of each bead with both sides, by its
        sentences, for the whole document at once.

        Asked bead by bead, the two cost a fifth of aligning a long document: about ten
        sentence pairs a bead, each a Python set intersection. Here every pair's shared
        weight is looked up in one call (:meth:`Overlaps.shared`), and the shares and their
        least and largest are array operations. The figures are the per-bead methods',
        up to the order the shared weights are added in (a last-bit difference). A merge's
        :meth:`explained` is the per-bead method's: it weighs each member against the
        other side's features together, and merges are few.
        """
        paired = [b for b in beads if b.kk and b.en]
        if not paired:
            return {}
        k0, k1, e0, e1 = np.array(
            [(b.kk[0], b.kk[-1] + 1, b.en[0], b.en[-1] + 1) for b in paired], dtype=np.int64
        ).T
        n, m = len(self.kk_feats), len(self.en_feats)
        shared = self.overlaps.shared
        smoothing = self.weights.smoothing

        def share(weight: np.ndarray, mass: np.ndarray) -> np.ndarray:
            return np.minimum(weight, mass) / (mass + smoothing)  # as _share, cell by cell

        # elsewhere: each member against the NEARBY sentences of the other side on either
        # side of the bead; its largest shared weight (0 with none in the text), its share.
        around = np.concatenate([np.arange(-NEARBY, 0), np.arange(NEARBY)])
        best = []
        for kk_side, first, end, o_first, o_end, size, mass in (
            (True, k0, k1, e0, e1, m, self.kk_mass),
            (False, e0, e1, k0, k1, n, self.en_mass),
        ):
            bead = np.repeat(np.arange(len(paired)), end - first)
            member = ranges(first, end - first)
            near = np.where(around < 0, o_first[bead, None], o_end[bead, None]) + around
            rows, cols = np.nonzero((near >= 0) & (near < size))
            own, other = member[rows], near[rows, cols]
            most = np.zeros(near.shape)
            most[rows, cols] = shared(own, other) if kk_side else shared(other, own)
            member_share = share(most.max(axis=1), mass[member])
            best.append(np.maximum.reduceat(member_share, np.cumsum(end - first) - (end - first)))
        elsewhere = np.maximum(*best)
        # explained: most beads are 1-1, and one shared weight serves both sides.
        one = (k1 - k0 == 1) & (e1 - e0 == 1)
        weight = shared(k0[one], e0[one])
        ones = np.minimum(
            share(weight, self.kk_mass[k0[one]]), share(weight, self.en_mass[e0[one]])
        )
        explained = np.empty(len(paired))
        explained[one] = ones
        for i in np.flatnonzero(~one).tolist():
            explained[i] = self.explained(paired[i].kk, paired[i].en)
        return {
            (b.kk, b.en): (x, y)
            for b, x, y in zip(paired, explained.tolist(), elsewhere.tolist(), strict=True)
        }

    def explained(self, kk: Sequence[int], en: Sequence[int]) -> float:
        """How much of its least explained sentence the other side of a bead explains: for
        each sentence of the bead, the weight of its features that the other side's sentences
        have too over its own weight of evidence (its mass, plus the similarity's
        ``smoothing``: one shared word does not explain a sentence that has only that word);
        the least of these.

        The search rewards what a bead shares in total, so a bead whose one sentence the
        other side hardly touches (a loose rendering paired 1-1, a merge with a member that
        brings nothing of its own) can win on lengths and a shared name, and it is more
        often wrong than its posterior says (:mod:`align.aligner.calibrate`). Counted by
        feature, not by word: a word whose several meanings the other side all has counts
        each, so the shared weight is capped at the mass (counting by word measured the same
        out of set and took several times as long).
        """
        weight = self.weight
        if len(kk) == 1 and len(en) == 1:  # most beads: one shared weight serves both sides
            k, e = kk[0], en[0]
            shared = self._pair_shared(k, e)
            return min(self._share(shared, self.kk_mass[k]), self._share(shared, self.en_mass[e]))
        en_feats = set().union(*(self.en_feats[e] for e in en))
        kk_feats = set().union(*(self.kk_feats[k] for k in kk))
        shares = [
            self._share(sum(weight[f] for f in self.kk_feats[k] if f in en_feats), self.kk_mass[k])
            for k in kk
        ]
        shares += [
            self._share(sum(weight[f] for f in self.en_feats[e] if f in kk_feats), self.en_mass[e])
            for e in en
        ]
        return min(shares)

    def _share(self, shared: float, mass: float) -> float:
        """Shared weight over a sentence's smoothed mass, the shared weight at most the mass."""
        return float(min(shared, mass) / (mass + self.weights.smoothing))

    def elsewhere(self, kk: Sequence[int], en: Sequence[int]) -> float:
        """How much of one of a bead's sentences points outside the bead: the largest share
        of a sentence's weight of evidence (as in :meth:`explained`) that it has in common
        with one sentence of the other side just before or after the bead (NEARBY on each
        side).

        A wrong bead often holds a sentence whose counterpart the search put in the bead
        next door: its number or name is there, not here. The search weighs each bead's
        own overlap and cannot see that; the confidence can (:mod:`align.aligner.calibrate`).
        """
        n, m = len(self.kk_feats), len(self.en_feats)
        e0, e1, k0, k1 = en[0], en[-1] + 1, kk[0], kk[-1] + 1
        near_en = [*range(max(0, e0 - NEARBY), e0), *range(e1, min(m, e1 + NEARBY))]
        near_kk = [*range(max(0, k0 - NEARBY), k0), *range(k1, min(n, k1 + NEARBY))]
        shared = self._pair_shared
        # the share grows with the shared weight: each sentence's largest one is enough
        shares = [
            self._share(max((shared(k, e) for e in near_en), default=0.0), self.kk_mass[k])
            for k in kk
        ]
        shares += [
            self._share(max((shared(k, e) for k in near_kk), default=0.0), self.en_mass[e])
            for e in en
        ]
        return max(shares)

    def _pair_similarity(self, k: int, e: int) -> float:
        """Kept once computed: neighbouring beads ask about the same pairs across their edge."""
        found = self._similarity.get((k, e))
        if found is None:
            en_feats, weight = self.en_feats[e], self.weight
            shared = sum(weight[f] for f in self.kk_feats[k] if f in en_feats)
            mass = self.kk_mass[k] + self.en_mass[e] + self.weights.smoothing
            found = self._similarity[(k, e)] = 2.0 * shared / mass
        return found

    def _pair_shared(self, k: int, e: int) -> float:
        """The feature weight Kazakh ``k`` and English ``e`` have in common (for the
        confidence; the search's own similarity is :meth:`_pair_similarity`). Kept once
        computed: :meth:`elsewhere` asks about each pair across a bead's edge from both
        beads, and :meth:`explained` about the bead's own pair."""
        found = self._shared_weight.get((k, e))
        if found is None:
            weight = self.weight
            found = self._shared_weight[(k, e)] = sum(
                weight[f] for f in set(self.kk_feats[k]) & self.en_feats[e]
            )
        return found

    def _pair_overlap(self, k0: int, k1: int, e0: int, e1: int) -> float:
        """Shared feature weight summed over the Kazakh × English sentence pairs of a bead."""
        return sum(
            self.weight[f]
            for k in range(k0, k1)
            for e in range(e0, e1)
            for f in self.kk_feats[k]
            if f in self.en_feats[e]
        )


def _plausible_ratio(kk_len: np.ndarray, en_len: np.ndarray) -> tuple[float, bool]:
    """The pair's English/Kazakh length ratio from its lengths alone, and whether to trust it.

    The ratio of the total lengths is the best estimate when both sides are complete.
    When a whole section has no counterpart it is far off, and taken at face value it
    would make the aligner pad every bead with sentences that have none; the ratio of
    the median sentence lengths hardly moves then. But the medians are far off in their
    turn when one edition cuts into many short sentences what the other says in a few
    long ones (a speech and the agency's report of it: 2.15 where the sentences that
    translate each other have 1.09). So the totals are trusted when the medians agree
    and the ratio is a usual one (USUAL_RATIO). Otherwise the aligner re-estimates the
    ratio from what a first pass pairs (:meth:`_Document._fitted_lengths`), and the
    ratio returned (the medians when they disagree, else the totals) is kept only where
    no first pass is run (the length-only baseline) and measures the new estimate's
    uncertainty.
    """
    if not len(kk_len) or not len(en_len):
        return 1.0, True
    totals, medians = _ratio_estimates(kk_len, en_len)
    if abs(math.log(totals / medians)) > math.log(RATIO_AGREEMENT):
        return medians, False
    return totals, abs(math.log(totals / DEFAULT_RATIO)) <= math.log(USUAL_RATIO)


def _ratio_gap(kk_len: np.ndarray, en_len: np.ndarray) -> float:
    """How far apart (in log space) the two ratios :func:`_plausible_ratio` weighs are: the
    total lengths' and the median sentences'. Both are estimates of one ratio, so their gap
    says how uncertain it is when the lengths alone are all there is to go by."""
    if not len(kk_len) or not len(en_len):
        return 0.0
    totals, medians = _ratio_estimates(kk_len, en_len)
    return abs(math.log(totals / medians))


def _ratio_estimates(kk_len: np.ndarray, en_len: np.ndarray) -> tuple[float, float]:
    """The English/Kazakh ratio of the total lengths and that of the median sentences
    (both sides non-empty): one ratio estimated two ways, each wrong in its own case
    (:func:`_plausible_ratio`)."""
    return float(en_len.sum() / kk_len.sum()), float(np.median(en_len) / np.median(kk_len))


def _length(sentence: str) -> int:
    """Characters without spaces: spacing conventions differ between the languages."""
    return max(1, len(sentence) - sentence.count(" "))


def _feature_weights(bags: list[set[str]]) -> dict[str, float]:
    """Rarer features weigh more (an inverse document frequency over the pair's sentences)."""
    df = Counter(f for bag in bags for f in bag)
    total = len(bags)
    weights = {}
    for feature, count in df.items():
        if count < 2 or count > MAX_DOC_FREQ * total:
            continue  # a feature in one sentence only cannot be shared
        weights[feature] = FEATURE_WEIGHTS[feature[0]] * math.log((total + 1) / (count + 0.5))
    return weights


def _mass(groups: list[tuple[str, ...]], weight: dict[str, float]) -> float:
    """A sentence's weight of evidence: each distinct group of features (one word's
    meanings, one number's readings) counts once, by its heaviest shareable feature."""
    get = weight.get
    # Most groups are one feature: its weight is their largest without a generator's cost.
    # (The same sum, in the same order.)
    return sum(
        [
            get(g[0], 0.0) if len(g) == 1 else max([get(f, 0.0) for f in g], default=0.0)
            for g in set(groups)
        ]
    )


def _shared(features: Sequence[str], others: Set[str]) -> tuple[str, ...]:
    """``features`` that are among ``others``, in their order (a tuple: see
    :meth:`_Document.__init__`)."""
    return tuple([f for f in features if f in others])


def _once(features: set[str], groups: list[tuple[str, ...]]) -> set[str]:
    """Those of ``features`` that only one of a sentence's words (or numbers) gives."""
    if not features:
        return features
    distinct = set(groups)
    return {f for f in features if sum(f in g for g in distinct) == 1}


def _inverted(bags: list[set[str]]) -> dict[str, np.ndarray]:
    """Feature → the sorted positions of the sentences that have it."""
    index: dict[str, list[int]] = defaultdict(list)
    for position, bag in enumerate(bags):
        for feature in bag:
            index[feature].append(position)
    return {feature: np.array(positions) for feature, positions in index.items()}
