"""Alembic's environment: how migrations connect to the database.

``python -m {{ cookiecutter.package_name }} migrate`` runs ``alembic upgrade head``
with this file; so does Alembic's own command line, ``alembic -c development.ini
upgrade head`` (the [alembic] section there). After changing the models, write the
next migration with ``alembic -c development.ini revision --autogenerate -m "what"``.
"""

from alembic import context
from sqlalchemy import engine_from_config, event, pool, text

from {{ cookiecutter.package_name }} import load_settings
from {{ cookiecutter.package_name }}.models.meta import Base

config = context.config
# The tables the models declare: what --autogenerate compares the database with.
target_metadata = Base.metadata
# Any number: the name of the lock PostgreSQL holds while one process migrates.
LOCK_ID = 15


def database_url() -> str:
    """The database: the one `migrate` passes, else the app's (DATABASE_URL, the .ini file)."""
    return config.get_main_option("sqlalchemy.url") or load_settings()["sqlalchemy.url"]


def run_migrations_offline() -> None:
    """``alembic upgrade --sql``: write the SQL out instead of running it."""
    context.configure(url=database_url(), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = engine_from_config(
        {"sqlalchemy.url": database_url()}, "sqlalchemy.", poolclass=pool.NullPool
    )
    if engine.dialect.name == "sqlite":
        # SQLite: run the whole migration in one BEGIN IMMEDIATE transaction, which
        # takes the database's write lock, so a second process waits its turn.
        @event.listens_for(engine, "connect")
        def _no_implicit_transactions(dbapi_connection, record):
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin_immediate(connection):
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # Each migration and the record of it commit together, or not at all.
            transactional_ddl=True,
            # SQLite cannot ALTER most things in place: Alembic copies the table.
            render_as_batch=engine.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            if engine.dialect.name == "postgresql":
                # Held until this transaction ends: a second process waits here,
                # then finds the migrations applied and has nothing to do.
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": LOCK_ID})
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
