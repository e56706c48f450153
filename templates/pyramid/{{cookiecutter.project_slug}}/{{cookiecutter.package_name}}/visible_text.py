"""Whether a text has anything to see: the rule every full-stack starter's notes follow.

Stripping spaces is not enough: some characters take no room on the page. A
zero-width space (U+200B), a byte-order mark (U+FEFF), a word joiner (U+2060),
a soft hyphen... A note made only of them would be listed as an empty line.
A visible character is a letter, a digit, a punctuation mark or a symbol, by its
Unicode category; spaces (Z*), controls and format characters (C*) and marks
(M*) are not. Unicode files a few blank characters as letters or symbols: the
Hangul fillers and the blank Braille pattern, which are not visible either.
"""

import unicodedata

# Letters and a symbol that draw nothing: Hangul fillers U+115F, U+1160, U+3164,
# U+FFA0, and the blank Braille pattern U+2800.
BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_visible(character: str) -> bool:
    """Whether ``character`` shows on the page."""
    return unicodedata.category(character)[0] in "LNPS" and character not in BLANK_CHARACTERS


def has_visible_character(text: str) -> bool:
    """Whether ``text`` holds at least one character that shows on the page."""
    return any(is_visible(character) for character in text)
