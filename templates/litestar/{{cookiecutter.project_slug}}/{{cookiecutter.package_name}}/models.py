"""The database tables, as SQLAlchemy models on Advanced Alchemy's base classes.

Advanced Alchemy is the SQLAlchemy companion the Litestar project maintains:
``BigIntBase`` gives a model an integer ``id`` primary key and a table name made
from the class name (``Note`` -> ``note``); ``BigIntAuditBase`` adds
``created_at`` and ``updated_at``. The schema itself comes from the Alembic
migrations in migrations/versions/, never from the models at start-up.
"""

from advanced_alchemy.base import BigIntAuditBase, BigIntBase
from advanced_alchemy.extensions.litestar.store import StoreModelMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

# The longest note the form accepts; the column is sized to match.
NOTE_MAX_LENGTH = 500


class Note(BigIntAuditBase):
    """A short text anyone may post on /notes."""

    text: Mapped[str] = mapped_column(String(NOTE_MAX_LENGTH))


class User(BigIntBase):
    """An account that may log in and open /manage (made by `create-admin`)."""

    __tablename__ = "user_account"

    name: Mapped[str] = mapped_column(String(16), unique=True)
    # Never the password: a salted PBKDF2 hash of it (see auth.hash_password).
    password_hash: Mapped[str] = mapped_column(String(200))


class SessionRecord(StoreModelMixin):
    """The rows of Litestar's session store: one per logged-in browser, deleted at logout."""

    __tablename__ = "session_store"
