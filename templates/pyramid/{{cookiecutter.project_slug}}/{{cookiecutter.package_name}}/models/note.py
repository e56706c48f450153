"""The Note model: one table, one text column."""

from datetime import datetime, timezone

from sqlalchemy import Unicode
from sqlalchemy.orm import Mapped, mapped_column

from .meta import Base

# The most characters a note may have: the form says so, and the column holds no more.
NOTE_LIMIT = 500


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Unicode(NOTE_LIMIT))
    created: Mapped[datetime] = mapped_column(default=_utcnow)
