"""The database: SQLAlchemy's configuration for Litestar, migrations and accounts.

``SQLAlchemyPlugin`` (Advanced Alchemy's Litestar plugin) opens the engine when
the app starts, hands each request handler that asks for ``db_session`` a session
of its own, and commits it when the handler answered with a 2xx or 3xx status
("autocommit"), or rolls it back.
"""

from pathlib import Path

from advanced_alchemy.alembic.commands import AlembicCommands
from advanced_alchemy.extensions.litestar import (
    AlembicAsyncConfig,
    AsyncSessionConfig,
    SQLAlchemyAsyncConfig,
)
from sqlalchemy import select

from .auth import hash_password
from .config import Settings
from .models import User

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alchemy_config(settings: Settings) -> SQLAlchemyAsyncConfig:
    """SQLAlchemy's configuration for the app, its store and its migrations."""
    return SQLAlchemyAsyncConfig(
        connection_string=settings.database_url,
        # Keep loaded objects readable after the commit (a template may render them).
        session_config=AsyncSessionConfig(expire_on_commit=False),
        # Commit after a 2xx or 3xx answer (a redirect after a POST), roll back after any other.
        before_send_handler="autocommit_include_redirects",
        # Never create tables at start-up: the schema is the migrations' job.
        create_all=False,
        alembic_config=AlembicAsyncConfig(script_location=str(MIGRATIONS)),
    )


def migrate(settings: Settings) -> None:
    """Create or upgrade the schema: Alembic's upgrade to the newest revision (idempotent).

    The same as Advanced Alchemy's `litestar database upgrade` command.
    """
    AlembicCommands(sqlalchemy_config=alchemy_config(settings)).upgrade("head")


async def create_admin(settings: Settings, name: str, password: str) -> bool:
    """Create the account ``name`` with ``password``, or set its password. True if new."""
    config = alchemy_config(settings)
    try:
        async with config.get_session() as session:
            user = await session.scalar(select(User).where(User.name == name))
            created = user is None
            if user is None:
                user = User(name=name, password_hash="")
                session.add(user)
            user.password_hash = hash_password(password)
            await session.commit()
    finally:
        await config.get_engine().dispose()
    return created
