"""The Kazakh analyser: a learned lexicon, learned suffix statistics and hand-written rules.

A word form is analysed in the first way that applies:

1. **Closed shapes**: punctuation (``PUNCT``), numbers (``NUM``), numbers and
   abbreviations with a hyphenated ending (``2021-ші``, ``БҰҰ-ның``: the part
   before the hyphen is the lemma, the ending gives the features), other
   hyphenated words (``Қасым-Жомарттың``: the last part is analysed).
2. **Known forms**: the forms of the lexicon (learned from UD Kazakh-KTB, see
   :mod:`corpus.morphology.learn`) with their readings, most frequent first.
3. **Guesses** for the rest, each flagged ``known=False`` unless its stem is
   in the lexicon:

   * *learned edit rules*: every lexicon form teaches a rule "strip this
     ending, add that, it is this part of speech with these features"
     (``қыздарының`` → strip ``дарының``, NOUN, Gen, Plur, Poss3). Rules are
     weighed by the form's last letters, from one to seven, each longer
     ending refining the shorter one's estimate (Brants' suffix guesser for
     TnT, over rules instead of tags), and by the word's capitalisation;
   * *hand-written nominal rules* (:mod:`corpus.morphology.suffixes`):
     plural → possessive → case with vowel harmony and the ``к/г``, ``қ/ғ``,
     ``п/б`` and dropped-vowel alternations;
   * a stem the lexicon knows, with a part of speech it has, multiplies a
     reading's weight: this is what picks ``бөлік`` for ``бөлігі`` and not
     ``бөліг``.

Nothing raises: any string gets at least one reading.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.morphology.suffixes import clashes, endings, split, verbal

#: Readings are ``Reading(lemma, upos, feats, known, weight)``; feats as sorted (name, value).
Feats = tuple[tuple[str, str], ...]

#: Longest word ending the rule statistics look at.
MAX_SUFFIX = 7
#: Weight of the shorter ending's estimate when refining it with a longer one (TnT's θ).
THETA = 8.0
#: Rules less likely than this for a word's ending are not tried.
NEGLIGIBLE = 1e-4
#: How much more a guess counts when its lemma is a known lemma of that part of speech.
KNOWN_STEM = 20.0
#: Weight of a known lemma with an ending its class was seen with (times the ending's share).
ENDING_OF_KNOWN = 5000.0
#: Weight of a hand-written verbal parse (a participle, converb, finite ending…).
VERB_ENDING = 0.2
#: Weight of a hand-written nominal parse, before the known-stem bonus.
GRAMMAR = 0.05
#: How much less a nominal parse counts when its stem is not in the lexicon.
UNKNOWN_STEM = 0.2
#: Closed classes: a guess may only give one to a lemma the lexicon has in that class.
CLOSED = frozenset("PRON DET CCONJ SCONJ ADP PART AUX INTJ".split())
#: Parts of speech that take nominal endings.
NOMINAL = ("NOUN", "PROPN", "ADJ", "PRON", "NUM")
#: All-capital words up to this long that the lexicon lacks are abbreviations (БҰҰ, ЕҚЫҰ).
MAX_ABBREVIATION = 6
#: A form seen this often or less keeps guessed readings of other classes as well…
RARE = 2
#: … at this share of their weight.
RARE_SHARE = 0.3
#: Word endings whose likely rules an analyser remembers before it starts afresh.
MEMO_ENDINGS = 20_000
#: Readings returned at most.
MAX_READINGS = 4
#: A token longer than this is no word (the longest in UD Kazakh-KTB has 39 letters) and is read as
#: itself, unknown: guessing tries every split of a word, and a hostile run of 600,000
#: letters took minutes to index.
MAX_WORD = 64

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
_ORDINAL = re.compile(r"^(?:ші|шы|інші|ыншы|нші|ншы)$")
_HYPHENS = "-\u2010\u2011"
_ROMAN = re.compile(r"^[IVXLCDM]+$")


@dataclass(frozen=True)
class Reading:
    """One analysis of a token: lemma, universal part of speech, features.

    ``known`` is True when the form or its stem is in the lexicon, False for
    a guess from endings alone. ``weight`` orders readings (higher first).
    """

    lemma: str
    upos: str
    feats: Feats = ()
    known: bool = True
    weight: float = 1.0

    @property
    def features(self) -> dict[str, str]:
        """The features as a dict (``{"Case": "Gen", "Number": "Plur"}``)."""
        return dict(self.feats)

    def feat(self, name: str) -> str | None:
        return self.features.get(name)


def parse_feats(text: str) -> Feats:
    """UD's ``Case=Gen|Number=Plur`` as sorted (name, value) pairs; ``_`` is none."""
    if not text or text == "_":
        return ()
    pairs = (item.split("=", 1) for item in text.split("|") if "=" in item)
    return tuple(sorted((k, v) for k, v in pairs))


def shape(form: str) -> str:
    """``"U"`` all capitals (2+ letters), ``"C"`` capitalised, ``"l"`` otherwise."""
    letters = [ch for ch in form if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return "U"
    if letters and letters[0].isupper():
        return "C"
    return "l"


@dataclass(frozen=True)
class Entry:
    """A lexicon line: a form's reading and how often it was seen."""

    form: str
    lemma: str
    upos: str
    feats: Feats
    count: int


Rule = tuple[str, str, str, Feats]  # (ending stripped, text added, upos, feats)


def edit_rule(form: str, lemma: str, upos: str, feats: Feats) -> Rule:
    """The rule turning ``form`` into ``lemma``: strip the part after the common prefix, add."""
    form, lemma = form.lower(), lemma.lower()
    common = 0
    for a, b in zip(form, lemma, strict=False):
        if a != b:
            break
        common += 1
    return (form[common:], lemma[common:], upos, feats)


class KazakhAnalyser:
    """Analyses Kazakh word forms; built from lexicon entries (see :mod:`.learn`)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        forms: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            forms[entry.form.lower()].append(entry)
        self.forms = {f: sorted(es, key=lambda e: -e.count) for f, es in forms.items()}
        self.lemmas: dict[str, Counter[str]] = defaultdict(Counter)
        self.contexts: dict[str, Counter[Rule]] = defaultdict(Counter)
        self.prior: Counter[Rule] = Counter()
        shapes: dict[str, Counter[str]] = defaultdict(Counter)
        for form, found in self.forms.items():
            for e in found:
                self.lemmas[e.lemma.lower()][e.upos] += e.count
                shapes[e.upos][shape(e.form)] += 1
                if e.upos in ("PUNCT", "NUM", "SYM") or not form.isalpha():
                    continue
                rule = edit_rule(form, e.lemma, e.upos, e.feats)
                self.prior[rule] += 1  # by type: unknown words behave like rare ones
                for k in range(1, min(MAX_SUFFIX, len(form)) + 1):
                    self.contexts[form[-k:]][rule] += 1
        # P(shape | upos), smoothed: capitalisation is evidence for PROPN and little else.
        self.shape_given = {
            upos: {s: (c[s] + 1) / (sum(c.values()) + 3) for s in "UCl"}
            for upos, c in shapes.items()
        }
        total = sum(self.prior.values()) or 1
        self.prior_p = {r: n / total for r, n in self.prior.items()}
        self.totals = {ending: sum(c.values()) for ending, c in self.contexts.items()}
        self.kept = {
            ending: self.totals[ending] / (self.totals[ending] + THETA * len(c))
            for ending, c in self.contexts.items()
        }
        # Rules by the ending they strip: any known lemma may take any ending seen in its class.
        self.by_strip: dict[str, list[tuple[Rule, float]]] = defaultdict(list)
        for rule, p in self.prior_p.items():
            self.by_strip[rule[0]].append((rule, p))
        self._likely: dict[str, tuple[tuple[Rule, float], ...]] = {}

    # -- public

    def analyse(self, token: str) -> list[Reading]:
        """Every plausible reading of ``token``, the best first; never empty."""
        token = unicodedata.normalize("NFC", token.strip()).strip(_HYPHENS) or token.strip()
        if not token:
            return [Reading(token, "X", (), False)]
        if not any(ch.isalnum() for ch in token):
            upos = (
                "SYM" if any(unicodedata.category(ch) in ("Sm", "Sc") for ch in token) else "PUNCT"
            )
            return [Reading(token, upos, (), True)]
        if _NUMBER.match(token):
            return [Reading(token, "NUM", (("NumType", "Card"),), True)]
        if len(token) > MAX_WORD:
            return [Reading(token, "X", (), False)]
        known = self.forms.get(token.lower())
        if known:
            total = sum(e.count for e in known)
            readings = [
                Reading(self._case(e.lemma, token, e.upos), e.upos, e.feats, True, e.count / total)
                for e in known[:MAX_READINGS]
            ]
            return readings[:MAX_READINGS]
        if any(h in token[1:-1] for h in _HYPHENS):
            return self._hyphenated(token)
        if " " in token:  # a treebank word written in two parts (болған емес): its head
            head = self.analyse(token.split()[0])
            return [Reading(r.lemma, r.upos, r.feats, r.known, r.weight) for r in head]
        if token.endswith(".") and token[:-1].replace(".", "").isalpha():
            return [
                Reading(token, "NOUN", (), False)
            ]  # ж., млн., т.б., an initial: as KTB has them
        if shape(token) == "U" and len(token) <= MAX_ABBREVIATION:
            return [Reading(token, "PROPN", (), False)]  # БҰҰ, ЕО, АҚШ
        return self._guess(token)

    def knows(self, token: str) -> bool:
        """Whether ``token`` is a lexicon form or a number: read, not guessed (quick)."""
        return token.lower() in self.forms or bool(_NUMBER.match(token))

    def analyse_initial(self, token: str) -> list[Reading]:
        """Readings of a sentence's first word, whose capital says nothing.

        An unknown capitalised word there is a proper noun or any word that
        happens to start a sentence: the readings of both spellings, halved.
        """
        readings = self.analyse(token)
        if shape(token) != "C" or token.lower() in self.forms or "-" in token:
            return readings
        lowered = self.analyse(token[0].lower() + token[1:])
        merged: dict[tuple[str, str], Reading] = {}
        for r in [*readings, *lowered]:
            key = (r.lemma.lower(), r.upos)
            half = Reading(r.lemma, r.upos, r.feats, r.known, r.weight / 2)
            if key in merged:
                old = merged[key]
                half = Reading(old.lemma, old.upos, old.feats, old.known, old.weight + half.weight)
            merged[key] = half
        return sorted(merged.values(), key=lambda r: -r.weight)[:MAX_READINGS]

    # -- hyphenated tokens

    def _hyphenated(self, token: str) -> list[Reading]:
        cut = max(token.rfind(h) for h in _HYPHENS)
        head, tail = token[:cut], token[cut + 1 :]
        low_tail = tail.lower()
        head_is_number = bool(_NUMBER.match(head))
        if head_is_number and _ORDINAL.match(low_tail):
            return [Reading(head, "NUM", (("NumType", "Ord"),), True)]
        abbreviation = shape(head) == "U" or head_is_number or bool(_ROMAN.match(head))
        parses = endings().get(low_tail)
        if abbreviation and parses:
            upos = "NUM" if head_is_number else "PROPN"
            readings = []
            for _side, feats in parses:
                readings.append(Reading(head, upos, feats, True, 1.0 / len(parses)))
            return _dedupe(readings)
        readings = []
        for r in self.analyse(tail):
            upos, last = r.upos, r.lemma
            if shape(tail) != "l" and upos not in ("PUNCT", "NUM"):
                upos, last = "PROPN", self._case(last, tail, "PROPN")  # Қасым-Жомарттың
            readings.append(Reading(f"{head}-{last}", upos, r.feats, r.known, r.weight))
        return _dedupe(readings)

    # -- guessing

    def _guess(self, token: str) -> list[Reading]:
        low = token.lower()
        word_shape = shape(token)
        scores: dict[tuple[str, str], float] = defaultdict(float)
        feats_of: dict[tuple[str, str], tuple[Feats, float]] = {}

        def offer(lemma: str, upos: str, feats: Feats, weight: float) -> None:
            key = (lemma, upos)
            scores[key] += weight
            if key not in feats_of or feats_of[key][1] < weight:
                feats_of[key] = (feats, weight)

        if low.isalpha():
            for rule, p in self._likely_rules(low):
                strip, add, upos, feats = rule
                if not low.endswith(strip) or len(low) - len(strip) < 1:
                    continue
                lemma = low[: len(low) - len(strip)] + add
                if len(lemma) < 2 and len(low) > 2:
                    continue
                if upos in ("VERB", "AUX") and clashes(low[: len(low) - len(strip)], strip):
                    continue
                weight = p * self.shape_given.get(upos, {}).get(word_shape, 1 / 3)
                if upos in self.lemmas.get(lemma, ()):
                    weight *= KNOWN_STEM
                elif upos in CLOSED:
                    continue  # a new pronoun or postposition is far less likely than a mistake
                offer(lemma, upos, feats, weight)
            for cut in range(2, len(low) + 1):
                for rule, p in self.by_strip.get(low[cut:], ()):
                    lemma = low[:cut] + rule[1]
                    if rule[2] in self.lemmas.get(lemma, ()):
                        offer(lemma, rule[2], rule[3], p * ENDING_OF_KNOWN)
            for root, feats in verbal(low):
                tags = self.lemmas.get(root, Counter())
                verbs = tags["VERB"] + tags["AUX"]
                if not verbs:
                    offer(root, "VERB", feats, VERB_ENDING)
                    continue
                for upos in ("VERB", "AUX"):  # бол, е, тұр, бер… are either: context decides
                    if tags[upos]:
                        offer(root, upos, feats, VERB_ENDING * KNOWN_STEM * tags[upos] / verbs)
            for stem, feats, _ending in split(low):
                tags = self.lemmas.get(stem)
                if tags:
                    for upos in NOMINAL:
                        if tags[upos]:
                            offer(stem, upos, feats, GRAMMAR * KNOWN_STEM)
                else:
                    offer(stem, "NOUN", feats, GRAMMAR * UNKNOWN_STEM * len(_ending) / 10)
        if not scores:  # Latin script, mixed letters and digits, a letter alone
            upos = "PROPN" if word_shape != "l" else "X"
            return [Reading(self._case(low, token, upos), upos, (), False)]
        total = sum(scores.values())
        ranked = sorted(scores.items(), key=lambda item: -item[1])[:MAX_READINGS]
        return [
            Reading(
                self._case(lemma, token, upos),
                upos,
                feats_of[(lemma, upos)][0],
                upos in self.lemmas.get(lemma, ()) or low in self.forms,
                weight / total,
            )
            for (lemma, upos), weight in ranked
        ]

    def _likely_rules(self, low: str) -> tuple[tuple[Rule, float], ...]:
        """The rules worth trying on ``low`` with their probabilities (see below), remembered.

        They depend only on the longest of the word's endings the lexicon has
        seen (every shorter one was seen too), and words share endings: the
        suffixes of Kazakh are few. So they are computed once per such ending,
        leaving out the rules that strip a shorter ending than this one but not
        one of its own (they cannot apply to any word that has it).
        """
        seen = 0
        for k in range(1, min(MAX_SUFFIX, len(low)) + 1):
            if low[-k:] not in self.contexts:
                break
            seen = k
        ending = low[len(low) - seen :]
        found = self._likely.get(ending)
        if found is None:
            if len(self._likely) >= MEMO_ENDINGS:
                self._likely.clear()
            probs = self._rule_probabilities(ending)
            found = tuple(
                (r, p)
                for r, p in probs.items()
                if p >= NEGLIGIBLE and (len(r[0]) > seen or ending.endswith(r[0]))
            )
            self._likely[ending] = found
        return found

    def _rule_probabilities(self, low: str) -> dict[Rule, float]:
        """P(rule | the word's last letters), each longer ending refining the shorter one.

        Level by level, P_k(r) = λ_k·c_k(r)/n_k + (1 − λ_k)·P_{k−1}(r), with
        λ_k = n_k / (n_k + θ·t_k) (Witten-Bell: an ending seen with many words
        and few rules is trusted more); unrolled, each level adds its counts
        times a coefficient, so the cost is the number of (ending, rule) pairs.
        """
        levels: list[tuple[Counter[Rule], float, int]] = []
        for k in range(1, min(MAX_SUFFIX, len(low)) + 1):
            ending = low[-k:]
            counts = self.contexts.get(ending)
            if not counts:
                break
            levels.append((counts, self.kept[ending], self.totals[ending]))
        if not levels:
            return {r: p for r, p in self.prior_p.items() if p > 0.01}
        probs: dict[Rule, float] = defaultdict(float)
        rest = 1.0  # the product of (1 − λ_j) over the levels above
        for counts, kept, total in reversed(levels):
            coef = rest * kept / total
            for rule, count in counts.items():
                probs[rule] += coef * count
            rest *= 1 - kept
        for rule in probs:
            probs[rule] += rest * self.prior_p.get(rule, 0.0)
        return probs

    @staticmethod
    def _case(lemma: str, token: str, upos: str) -> str:
        """Lemmas are lower case, but a proper noun keeps the token's spelling of its stem."""
        if upos != "PROPN":
            return lemma.lower()
        prefix = 0
        for a, b in zip(token.lower(), lemma.lower(), strict=False):
            if a != b:
                break
            prefix += 1
        return token[:prefix] + lemma.lower()[prefix:]


def _dedupe(readings: list[Reading]) -> list[Reading]:
    seen: set[tuple[str, str, Feats]] = set()
    out = []
    for r in readings:
        key = (r.lemma, r.upos, r.feats)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out[:MAX_READINGS]


def entropy(readings: list[Reading]) -> float:
    """How unsure a list of readings is (0 for one reading), for diagnostics."""
    return -sum(r.weight * math.log(r.weight) for r in readings if r.weight > 0)


#: The agent participle's endings: жаз-ушы, оқ-ушы, құтқар-ушы, де-уші.
AGENT_ENDINGS = ("ушы", "уші")


def agent_noun(form: str, upos: str) -> str | None:
    """The agent noun that a word read as a verb also is, or None: ``құтқарушы`` → itself.

    Kazakh lexicalises the agent participle in -ушы/-уші as a noun (жазушы "writer",
    оқушы "pupil", құтқарушы "rescuer"). The treebank, and so the analyser, reads the
    bare form as a participle of its verb (``құтқарушы иттер``: lemma құтқар, "rescuing
    dogs"), while its inflected forms are nouns with the -ушы lemma (``құтқарушылар``).
    Both readings are right; a linguist searching the noun expects the bare form too,
    so the search index stores this lemma beside the chosen one (the analyser's choice,
    scored on the treebank, does not change).
    """
    low = form.lower()
    if upos != "VERB" or not low.endswith(AGENT_ENDINGS) or len(low) <= len("ушы") + 1:
        return None
    return low
