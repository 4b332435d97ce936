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

EMOJI = rf"[{EMOJI_CHARS}][{EMOJI_CHARS}{EMOJI_JOINERS}]*"
HASHTAG = r"#\w+"

#: A tail right after terminal punctuation: emoji (glued or spaced) and hashtags.
TAIL = re.compile(rf"(?:\s*(?:{EMOJI}|{HASHTAG}))+")
#: A tail that ends a sentence with no punctuation: after a word, emoji (glued or
#: spaced) and space-separated hashtags. Whether a sentence starts after it is
#: decided by the caller (a capital letter next).
BARE_TAIL = re.compile(rf"(?<=\w)(?:[ \t]*{EMOJI}|\s+{HASHTAG})+")
_HAS_EMOJI = re.compile(rf"[{EMOJI_CHARS}]")


def has_emoji(tail: str) -> bool:
    """Whether a tail holds at least one emoji (a hashtag-only tail can open a sentence)."""
    return _HAS_EMOJI.search(tail) is not None


def may_have_tails(text: str) -> bool:
    """A cheap test that lets plain news text skip the tail scan."""
    return "#" in text or _HAS_EMOJI.search(text) is not None
