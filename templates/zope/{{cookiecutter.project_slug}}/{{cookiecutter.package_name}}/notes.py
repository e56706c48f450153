"""The notes: plain Python objects that the ZODB stores as they are.

There are no tables and no SQL. A class that inherits from ``Persistent`` is
saved with everything it refers to, and Zope commits the transaction at the
end of each request. The ZODB records the class by its import path
({{ cookiecutter.package_name }}.notes.Note), so keep it there or existing data
will not load.
"""

import time
import unicodedata
from datetime import datetime, timezone

from BTrees.LOBTree import LOBTree
from persistent import Persistent

# The longest note the form accepts (the page says so, and sets maxlength).
MAX_LENGTH = 500

# Characters that draw nothing although Unicode files them as letters or
# symbols: the Hangul fillers (which Unicode lists as default-ignorable) and
# the blank Braille pattern. Spaces, format and control characters are found
# by their category below.
BLANK_GRAPHICS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_visible(char: str) -> bool:
    """Whether ``char`` shows something on its own.

    Not: separators (Z*: spaces, including no-break ones), control, format and
    unassigned characters (C*: zero-width spaces, joiners, BOM, bidi marks,
    tags), marks that only change the character before them (Mn, Me: accents,
    variation selectors), and BLANK_GRAPHICS.
    """
    category = unicodedata.category(char)
    return category[0] not in "ZC" and category not in ("Mn", "Me") and char not in BLANK_GRAPHICS


def has_visible_character(text: str) -> bool:
    """A note must show something: text made only of invisible characters is blank."""
    return any(is_visible(char) for char in text)


class Note(Persistent):
    """One note: its text and when it was written."""

    def __init__(self, text: str):
        self.text = text
        self.created = datetime.now(timezone.utc)


class NoteBoard(Persistent):
    """All the notes, keyed by the time they were written (in nanoseconds).

    A BTree is the ZODB's scalable mapping: each bucket is its own persistent
    record, so adding a note does not rewrite all the others. Two requests
    that add notes at once each insert a different key, which the BTree can
    merge when both commit (ZODB conflict resolution); a counter such as
    "the last key + 1" would give both the same key, and one would conflict.
    """

    def __init__(self):
        self.notes = LOBTree()

    def add(self, text: str) -> Note:
        key = time.time_ns()
        while key in self.notes:
            key += 1
        note = self.notes[key] = Note(text)
        return note

    def newest_first(self) -> list[Note]:
        return list(reversed(self.notes.values()))

    def __len__(self) -> int:
        return len(self.notes)
