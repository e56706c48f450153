"""The notes: plain Python objects that the ZODB stores as they are.

There are no tables and no SQL. A class that inherits from ``Persistent`` is
saved with everything it refers to, and Zope commits the transaction at the
end of each request. The ZODB records the class by its import path
({{ cookiecutter.package_name }}.notes.Note), so keep it there or existing data
will not load.
"""

import time
from datetime import datetime, timezone

from BTrees.LOBTree import LOBTree
from persistent import Persistent

# The longest note the form accepts (the page says so, and sets maxlength).
MAX_LENGTH = 500


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
