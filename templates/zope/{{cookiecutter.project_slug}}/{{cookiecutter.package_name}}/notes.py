"""The notes: plain Python objects that the ZODB stores as they are.

There are no tables and no SQL. A class that inherits from ``Persistent`` is
saved with everything it refers to, and Zope commits the transaction at the
end of each request. The ZODB records the class by its import path
({{ cookiecutter.package_name }}.notes.Note), so keep it there or existing data
will not load.
"""

from datetime import datetime, timezone

from BTrees.IOBTree import IOBTree
from persistent import Persistent


class Note(Persistent):
    """One note: its text and when it was written."""

    def __init__(self, text: str):
        self.text = text
        self.created = datetime.now(timezone.utc)


class NoteBoard(Persistent):
    """All the notes, numbered in the order they were written.

    A BTree is the ZODB's scalable mapping: each bucket is its own persistent
    record, so adding a note does not rewrite all the others.
    """

    def __init__(self):
        self.notes = IOBTree()

    def add(self, text: str) -> Note:
        number = self.notes.maxKey() + 1 if self.notes else 1
        note = self.notes[number] = Note(text)
        return note

    def newest_first(self) -> list[Note]:
        return list(reversed(self.notes.values()))

    def __len__(self) -> int:
        return len(self.notes)
