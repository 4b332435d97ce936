"""Emoji and hashtags: what web text puts where edited text puts punctuation.

Posts end sentences with emoji (``алынбаған 😅 Кім…``), put a smiley right
after the ``!`` (``мақала!👍Автордың``) and close with a row of hashtags
(``демалдық. #Бурабай #демалыс``). The segmenter treats a run of such marks
as one unit, the *tail* of the sentence before it. The patterns are kept here
so the SRX export and the tests can name the same character ranges.
"""

from __future__ import annotations

import re

#: Pictographic code points: the emoji blocks (U+1F000–U+1FAFF, flags included),
#: miscellaneous symbols and dingbats (☀ ❄ ❤ ✅), arrows and technical symbols
#: used as emoji (⌚ ⬆ ⭐), and the double marks ‼ ⁉.
EMOJI_CHARS = "\U0001f000-\U0001faff\u2600-\u27bf\u2300-\u23ff\u2b00-\u2bff\u203c\u2049\u3030\u303d"
#: What may follow an emoji inside one pictograph: variation selector, zero-width
#: joiner, skin tones, the keycap mark and tag characters (subdivision flags).
EMOJI_JOINERS = "\ufe0f\u200d\U0001f3fb-\U0001f3ff\u20e3\U000e0020-\U000e007f"

#: No emoji comes before this code point: a cheap test before the regular expression.
FIRST_EMOJI = "\u203c"
EMOJI = rf"[{EMOJI_CHARS}][{EMOJI_CHARS}{EMOJI_JOINERS}]*"
#: Text emoticons of Kazakh and Russian chat: ``:)`` ``:-(`` ``;)`` ``:D`` and the
#: doubled brackets ``рахмет)))`` / ``жаман((``. An emoticon counts only right after
#: a letter (``(1845–1904))`` closes brackets), and doubled closing brackets only
#: when more of them stand than brackets are open before them (the segmenter counts).
EMOTICON = r"(?:[:;]-?[)(DPР](?!\w)|\){2,}|\({2,})"
HASHTAG = r"#\w+"

#: A tail right after terminal punctuation: emoji (glued or spaced) and hashtags.
TAIL = re.compile(rf"(?:\s*(?:{EMOJI}|{HASHTAG}))+")
#: A tail that ends a sentence with no punctuation: after a word, emoji or
#: emoticons (glued or spaced) and space-separated hashtags. Whether a sentence
#: starts after it is decided by the caller (a capital letter next).
BARE_TAIL = re.compile(
    rf"(?:(?<=[^\W\d_])[ \t]*{EMOTICON}|(?<=\w)(?:[ \t]*{EMOJI}|\s+{HASHTAG}))"
    rf"(?:[ \t]*(?:{EMOJI}|{EMOTICON})|\s+{HASHTAG})*"
)
_HAS_EMOJI = re.compile(rf"[{EMOJI_CHARS}]")
# An emoji, or a colon emoticon: one character class first, so the regular
# expression engine skips plain text quickly (twice as fast as two searches).
_EMOJI_OR_EMOTICON = re.compile(rf"[:;{EMOJI_CHARS}](?:(?<=[:;])-?[)(DPР]|(?<![:;]))")


def has_emoji(tail: str) -> bool:
    """Whether a tail holds at least one emoji (a hashtag-only tail can open a sentence)."""
    return _HAS_EMOJI.search(tail) is not None


def may_have_tails(text: str) -> bool:
    """A cheap test that lets plain news text skip the tail scan."""
    return (
        "#" in text or "))" in text or "((" in text or _EMOJI_OR_EMOTICON.search(text) is not None
    )
