"""The Note model."""

from datetime import datetime

from sqlalchemy import Column, DateTime, Integer, Unicode

from {{ cookiecutter.package_name }}.model import DeclarativeBase


class Note(DeclarativeBase):
    """A short text note: one row of the ``notes`` table."""

    __tablename__ = "notes"

    id = Column(Integer, primary_key=True)
    text = Column(Unicode(500), nullable=False)
    created = Column(DateTime, default=datetime.now, nullable=False)

    def __repr__(self):
        return f"<Note {self.id}: {self.text!r}>"
