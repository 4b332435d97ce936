"""The word query language: what a linguist types, as FTS5 and as a Python matcher.

An expression is a list of terms that must all occur in one side of a unit::

    Тоқаев                      a word (any case: ТОҚАЕВ, тоқаев)
    Қазақстан*                  a prefix: Қазақстан, Қазақстанның, Қазақстанға, …
    "Қазақстан Республикасы"    a phrase: these words next to each other, in order
    "Қазақстан Республикас*"    a phrase whose last word is a prefix
    Тоқаев Путин                both words, anywhere in the side
    Тоқаев OR Назарбаев         either (OR binds tighter than the implicit AND)

A word is cut into words the way the index cuts text (``corpus.search.searchtext``):
``БҰҰ-ның`` and ``Қасым-Жомарт`` are one word (``БҰҰ`` alone does not find
``БҰҰ-ның``; ``БҰҰ*`` does), ``it's`` is a phrase of two. User text never
reaches FTS5 as syntax: every word is sent as a quoted string, so FTS5
operators (``^``, ``:``, ``-``, ``+``, parentheses) are just separators, and
``AND``/``NOT`` are words. Mistakes get a one-line :class:`QueryError`: a ``*``
inside or before a word, ``?`` at a word (``ал?ы``: other tools' one-letter
wildcard, which would silently find nothing), ``NEAR`` (an operator kopir does not
have), a query with no word, too many words. An unclosed quote closes at the end of the query.

Lemmas and parts of speech (the index stores one reading per word, see
``corpus.search.morphtext``)::

    lemma:сапар                 any form of сапар: сапары, сапарға, сапарларының, …
    lemma:сапар/NOUN            … read as a noun (a universal tag: NOUN, VERB, ADJ, …)
    lemma:visit                 English too: visits, visited, visiting
    "lemma:бас lemma:хатшы"     lemmas next to each other (a phrase of lemmas only)
    lemma:сапар Тоқаев          combined with words, OR, two sides, negation, filters

Kazakh grammatical features (UD's names and values, of the reading the index keeps the
lemma of; a feature query looks at the Kazakh side)::

    Case=Abl                    any word in the ablative: үйден, мемлекеттен (not Қазақстан)
    Case=Abl|Number=Plur        one word with both (a comma does as well as |)
    lemma:мемлекет/Case=Abl     that lemma in that case; lemma:үй/NOUN/Case=Loc with a tag
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from corpus.errors import KopirError, Remedy
from corpus.search.morphtext import (
    SEP,
    UPOS,
    _also_token,
    _morph_token,
    encode_lemma,
    feat_token,
    morph_tokens,
    readings,
)
from corpus.search.searchtext import NOT_TOKEN_CHAR, TOKEN_CHAR, clean, fold_lookalikes, tokens
from corpus.wording import shorten

#: More words than this in one query is refused (FTS5 handles them, people don't type them).
MAX_WORDS = 64

# A quoted phrase (closed or running to the end), or a run of non-space characters.
_PIECE = re.compile(r'"([^"]*)(?:"|$)(\*?)|([^\s"]+)')


class QueryError(KopirError):
    """A query that cannot be run, explained in one line."""


@dataclass(frozen=True)
class Term:
    """A word or phrase: its words in search form, each with a prefix flag."""

    words: tuple[tuple[str, bool], ...]

    def fts(self) -> str:
        """The FTS5 phrase: ``"қазақстан" + "республикас"*``."""
        return " + ".join(
            '"' + w.replace('"', '""') + '"' + ("*" if p else "") for w, p in self.words
        )

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Where the term occurs in text: whole words (a prefix runs to the word's end),
        separated by anything that is not a word character, case ignored."""
        parts = [re.escape(w) + (f"(?:{TOKEN_CHAR})*" if p else "") for w, p in self.words]
        body = f"(?:{NOT_TOKEN_CHAR})+".join(parts)
        last_prefix = self.words[-1][1]
        end = "" if last_prefix else f"(?!{TOKEN_CHAR})"
        return re.compile(f"(?<!{TOKEN_CHAR}){body}{end}", re.IGNORECASE)

    def show(self) -> str:
        text = " ".join(w + ("*" if p else "") for w, p in self.words)
        return f'"{text}"' if len(self.words) > 1 else text

    def fts_on(self, side: str) -> str:
        """The FTS5 query on one side's text columns: in Kazakh, the text (a Cyrillic
        reading of one printed in another script) and the printed words of such a text
        (``kk_p``, :mod:`corpus.search.reading`), so both spellings find it."""
        return f"({{kk kk_p}} : ({self.fts()}))" if side == "kk" else f"({side} : ({self.fts()}))"

    def spans(self, text: str, side: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.regex.finditer(text)]


@dataclass(frozen=True)
class LemmaTerm:
    """Lemmas (each with an optional part of speech) on consecutive words."""

    words: tuple[tuple[str, str | None], ...]  # (stored lemma, upper-case UPOS or None)

    def fts(self) -> str:
        return " + ".join(self._tokens())

    def _tokens(self) -> list[str]:
        return [
            f'"{lemma}{SEP}{pos.lower()}"' if pos else f'"{lemma}{SEP}"*'
            for lemma, pos in self.words
        ]

    def column(self, side: str) -> str:
        return f"{side}_m"

    def fts_on(self, side: str) -> str:
        """The FTS5 query on one side's morph column and, in Kazakh, its also column
        (``kk_a``, :mod:`corpus.search.morphtext`). The also column keeps no positions:
        a phrase that may use a second lemma is asked as its lemmas anywhere in the unit,
        one of them a second lemma, and checked against the text (it is a phrase)."""
        if side != "kk":
            return f"({self.column(side)} : ({self.fts()}))"
        tokens = self._tokens()
        if len(tokens) == 1:
            return f"({{kk_m kk_a}} : ({tokens[0]}))"
        loose = f"((kk_a : ({' OR '.join(tokens)})) AND ({{kk_m kk_a}} : ({' AND '.join(tokens)})))"
        return f"((kk_m : ({self.fts()})) OR {loose})"

    def spans(self, text: str, side: str) -> list[tuple[int, int]]:
        """Where consecutive words of ``text`` have these lemmas (and tags).

        A word's morph token is ``lemma SEP pos``: it has a lemma when it starts
        with ``lemma SEP``, and a tag too when it is the whole token (as FTS5 reads
        the query).
        """
        found = morph_tokens(text, side)
        wants = [(f"{lemma}{SEP}{pos.lower()}" if pos else f"{lemma}{SEP}", pos is not None)
                 for lemma, pos in self.words]  # fmt: skip

        def has(token: str, also: str, want: str, whole: bool) -> bool:
            if whole:
                return want in (token, also)
            return token.startswith(want) or also.startswith(want)  # also "" never starts so

        n = len(wants)
        return [
            (found[i][0], found[i + n - 1][1])
            for i in range(len(found) - n + 1)
            if all(
                has(token, also, want, whole)
                for (_s, _e, token, also), (want, whole) in zip(
                    found[i : i + n], wants, strict=True
                )
            )
        ]

    def show(self) -> str:
        text = " ".join(f"lemma:{w}" + (f"/{p}" if p else "") for w, p in self.words)
        return f'"{text}"' if len(self.words) > 1 else text


#: The UD features the Kazakh analyser gives, with their values (a query names one of
#: these; any other would find nothing, so it is refused).
FEATURES: dict[str, tuple[str, ...]] = {
    "Aspect": ("Imp", "Perf"),
    "Case": ("Abl", "Acc", "Dat", "Gen", "Ins", "Loc", "Nom"),
    "Mood": ("Cnd", "Imp", "Ind"),
    "Number": ("Plur", "Sing"),
    "Number[psor]": ("Plur", "Sing", "Plur,Sing"),
    "Person": ("1", "2", "3"),
    "Person[psor]": ("1", "2", "3"),
    "Polite": ("Form",),
    "PronType": ("Prs",),
    "Tense": ("Fut", "Past", "Pres"),
    "VerbForm": ("Fin",),
}
_FEATURE = re.compile(r"^([A-Za-z]+(?:\[[a-z]+\])?)=([A-Za-z0-9]+)$")


@dataclass(frozen=True)
class FeatTerm:
    """One Kazakh word with these features and, optionally, a lemma (and tag)."""

    feats: tuple[tuple[str, str], ...]  # (name, value) as UD spells them
    lemma: str | None = None  # stored lemma
    pos: str | None = None  # upper-case UPOS

    @property
    def words(self) -> tuple[tuple[str, str | None, tuple[tuple[str, str], ...]]]:
        """One word (what a phrase test and the word limit count)."""
        return ((self.lemma or "", self.pos, self.feats),)

    def _feat_tokens(self) -> list[str]:
        return [feat_token(name, value) for name, value in self.feats]

    def fts_on(self, side: str) -> str:
        """The units whose feature text holds every feature (and whose morph text the
        lemma): looser than one word with all of them, so :meth:`spans` checks the words."""
        feats = " AND ".join(f'"{t}"' for t in self._feat_tokens())
        query = f"(kk_f : ({feats}))"
        if self.lemma is not None:
            token = (
                f'"{self.lemma}{SEP}{self.pos.lower()}"' if self.pos else f'"{self.lemma}{SEP}"*'
            )
            query = f"({query} AND ({{kk_m kk_a}} : ({token})))"
        return query

    def spans(self, text: str, side: str) -> list[tuple[int, int]]:
        """The Kazakh words of ``text`` whose reading (the one the index keeps) has every
        feature, and the lemma (first or second, as ``lemma:`` finds it)."""
        if side != "kk":
            return []
        wanted = set(self.feats)
        want = None
        if self.lemma is not None:
            want = f"{self.lemma}{SEP}{self.pos.lower()}" if self.pos else f"{self.lemma}{SEP}"
        found = []
        for token, reading in readings(text, side):
            if not wanted <= set(reading.feats):
                continue
            if want is not None:
                morph = _morph_token(reading.lemma, reading.upos)
                also = _also_token(token.text, reading.upos, side)
                if not (
                    want in (morph, also)
                    if self.pos
                    else morph.startswith(want) or also.startswith(want)
                ):
                    continue
            found.append((token.start, token.end))
        return found

    def show(self) -> str:
        feats = "|".join(f"{name}={value}" for name, value in self.feats)
        if self.lemma is None:
            return feats
        return f"lemma:{self.lemma}/" + (f"{self.pos}/" if self.pos else "") + feats


AnyTerm = Term | LemmaTerm | FeatTerm


@dataclass(frozen=True)
class Expression:
    """Terms that must all occur (AND), each a choice of alternatives (OR)."""

    groups: tuple[tuple[AnyTerm, ...], ...]

    def fts(self, side: str) -> str:
        """The FTS5 query on one side: words in its text column, lemmas in its morph column."""
        parts = []
        for group in self.groups:
            alternatives = [t.fts_on(side) for t in group]
            parts.append(
                alternatives[0] if len(group) == 1 else "(" + " OR ".join(alternatives) + ")"
            )
        return " AND ".join(parts)

    def terms(self) -> list[AnyTerm]:
        return [t for group in self.groups for t in group]

    @property
    def phrases(self) -> bool:
        """Whether a term has several words (FTS5 may find them across a sentence end: it
        knows no sentences) or features (FTS5 finds them anywhere in the unit, not on one
        word): such units are checked against the text."""
        return any(len(t.words) > 1 or isinstance(t, FeatTerm) for t in self.terms())

    @property
    def has_lemmas(self) -> bool:
        return any(isinstance(t, LemmaTerm | FeatTerm) for t in self.terms())

    @property
    def has_features(self) -> bool:
        """Whether a term asks for grammatical features (Kazakh only)."""
        return any(isinstance(t, FeatTerm) for t in self.terms())

    def spans(self, text: str, side: str = "kk") -> list[tuple[int, int]]:
        """Every occurrence of every term in ``text`` (one ``side``), in order (overlaps kept)."""
        found = {span for term in self.terms() for span in term.spans(text, side)}
        return sorted(found)

    def show(self) -> str:
        return " ".join(" OR ".join(t.show() for t in group) for group in self.groups)


_WILD = re.compile(r"\w\?|\?\w")


def _refuse_operators(piece: str) -> None:
    """A one-line error for what looks like another tool's syntax and would find nothing:
    ``?`` as a one-letter wildcard (``ал?ы``) and ``NEAR`` (CQP's, FTS5's)."""
    if _WILD.search(piece):
        raise QueryError(
            f"{piece!r}: ? is not a wildcard in word queries (a prefix is: word*)",
            Remedy("regex", "match any one letter with ."),
        )
    if piece == "NEAR" or piece.startswith("NEAR("):
        raise QueryError(
            "NEAR is not an operator here: words of one query must all occur in the unit "
            "(any distance)",
            Remedy("regex", "set a distance: 'a\\W+(\\w+\\W+){0,3}b'"),
        )


def parse_expression(text: str, *, fold: bool = False) -> Expression:
    """Parse a word query; ``fold`` repairs look-alike letters in it first."""
    text = clean(text)
    if fold:
        text = fold_lookalikes(text) or text
    pieces: list[AnyTerm | str] = []
    for match in _PIECE.finditer(text):
        phrase, star, bare = match.groups()
        _refuse_operators(bare if bare is not None else phrase)
        if bare is not None:
            if bare == "OR":
                pieces.append("OR")
                continue
            term = _term(bare)
        else:
            term = _term(phrase + star)
        if term is not None:
            pieces.append(term)
    groups: list[list[AnyTerm]] = []
    joining = False
    for piece in pieces:
        if piece == "OR":
            joining = bool(groups)
            continue
        assert isinstance(piece, Term | LemmaTerm | FeatTerm)
        if joining:
            groups[-1].append(piece)
        else:
            groups.append([piece])
        joining = False
    if not groups:
        raise QueryError(
            f"nothing to search for in {shorten(text, 60)!r}: a query needs a word or number "
            "(punctuation is not indexed)",
            Remedy("regex", "search for punctuation"),
        )
    count = sum(len(t.words) for group in groups for t in group)
    if count > MAX_WORDS:
        raise QueryError(f"the query has {count} words; at most {MAX_WORDS} are allowed")
    return Expression(tuple(tuple(g) for g in groups))


LEMMA = "lemma:"


def parse_features(text: str) -> tuple[tuple[str, str], ...]:
    """``Case=Abl|Number=Plur`` (or with commas) as (name, value) pairs in UD's spelling;
    a one-line error for a feature or value the analyser never gives."""
    feats = []
    for part in re.split(r"[|,]", text):
        match = _FEATURE.match(part)
        if not match:
            raise QueryError(f"{part!r}: a feature is Name=Value, as in Case=Abl")
        name = next((n for n in FEATURES if n.lower() == match[1].lower()), None)
        if name is None:
            raise QueryError(f"{part!r}: unknown feature; use one of {', '.join(FEATURES)}")
        value = next((v for v in FEATURES[name] if v.lower() == match[2].lower()), None)
        if value is None:
            raise QueryError(f"{part!r}: {name} is one of {', '.join(FEATURES[name])}")
        feats.append((name, value))
    return tuple(sorted(set(feats)))


def _is_features(chunk: str) -> bool:
    return all(_FEATURE.match(part) for part in re.split(r"[|,]", chunk))


def _lemma_term(chunks: list[str]) -> LemmaTerm | FeatTerm:
    """``lemma:X``, ``lemma:X/POS`` (``/Case=Abl`` after either) chunks as one term; a
    one-line error for the rest."""
    if len(chunks) == 1 and "=" in chunks[0]:
        body, _slash, rest = chunks[0][len(LEMMA) :].partition("/")
        pos, _slash, feats = rest.rpartition("/") if "/" in rest else ("", "", rest)
        (term,) = _lemma_term([f"{LEMMA}{body}" + (f"/{pos}" if pos else "")]).words
        return FeatTerm(parse_features(feats), term[0], term[1])
    words = []
    for chunk in chunks:
        if "=" in chunk:
            raise QueryError(
                f"{chunk!r}: features are asked of one word, not in a phrase (Case=Abl)"
            )
        if not chunk.startswith(LEMMA):
            raise QueryError(
                f"{chunk!r}: a phrase is either words or lemma: terms, not both "
                "(write the word's lemma, lemma:X)"
            )
        body, _slash, pos = chunk[len(LEMMA) :].partition("/")
        if pos and pos.upper() not in UPOS:
            raise QueryError(
                f"{chunk!r}: unknown part of speech; use one of {', '.join(sorted(UPOS))}"
            )
        lemma = encode_lemma(body.strip("*"))
        if not tokens(body) or "*" in body:
            raise QueryError(f"{chunk!r}: lemma: takes one word, without '*' (lemma:сапар)")
        words.append((lemma, pos.upper() or None))
    return LemmaTerm(tuple(words))


def _term(text: str) -> AnyTerm | None:
    """A term from a word or a phrase's text; None when it holds no word."""
    chunks = text.split()
    if any(c.startswith(LEMMA) for c in chunks):
        return _lemma_term(chunks)
    if any("=" in c and _is_features(c) for c in chunks):
        if len(chunks) > 1:
            raise QueryError(
                f"{text!r}: features are asked of one word, not in a phrase (Case=Abl)"
            )
        return FeatTerm(parse_features(chunks[0]))
    words: list[tuple[str, bool]] = []
    for chunk in text.split():
        prefix = chunk.endswith("*")
        body = chunk.rstrip("*")
        if "*" in body:
            raise QueryError(
                f"{chunk!r}: '*' may only end a word (Қазақстан*)",
                Remedy("regex", "search for other patterns"),
            )
        toks = tokens(body)
        if not toks:
            if prefix:
                raise QueryError(
                    f"{chunk!r}: '*' must follow the start of a word (Қазақстан*)",
                    Remedy("regex", "search for other patterns"),
                )
            continue
        if prefix and toks[-1].end != len(body):
            raise QueryError(f"{chunk!r}: '*' must follow a letter or digit")
        words += [(t.norm, False) for t in toks[:-1]] + [(toks[-1].norm, prefix)]
    if not words:
        return None
    return Term(tuple(words))
