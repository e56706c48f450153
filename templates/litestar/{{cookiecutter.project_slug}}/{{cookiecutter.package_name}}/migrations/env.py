"""Alembic's environment: runs the migrations on the app's database.

Alembic runs this file for every command (`python -m {{ cookiecutter.package_name }}
migrate`, `litestar database upgrade`); Advanced Alchemy's AlembicCommands passes
it the app's engine. Adapted from Advanced Alchemy's asyncio template.
"""

import asyncio
from typing import TYPE_CHECKING

from advanced_alchemy.base import metadata_registry
from alembic import context
from sqlalchemy.ext.asyncio import AsyncEngine

from {{ cookiecutter.package_name }} import models  # noqa: F401  (the tables autogenerate compares)

if TYPE_CHECKING:
    from advanced_alchemy.alembic.commands import AlembicCommandConfig
    from sqlalchemy.engine import Connection

config: "AlembicCommandConfig" = context.config  # type: ignore[assignment]


def do_run_migrations(connection: "Connection") -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata_registry.get(config.bind_key),
        compare_type=config.compare_type,
        version_table=config.version_table_name,
        render_as_batch=config.render_as_batch,  # SQLite alters a table by copying it
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    """Connect with the app's engine and apply what the database lacks."""
    engine: AsyncEngine = config.engine
    async with engine.connect() as connection:
        await connection.run_sync(do_run_migrations)
    await engine.dispose()


asyncio.run(run_migrations_online())
