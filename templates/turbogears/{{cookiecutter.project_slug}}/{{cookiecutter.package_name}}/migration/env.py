"""Alembic's environment: how migrations connect to the database.

``python -m {{ cookiecutter.package_name }} migrate`` (and ``gearbox setup-app``) run
``alembic upgrade head`` with this file; so does Alembic's own command line,
``alembic -c development.ini upgrade head`` (see the [alembic] section there).
After changing the model, write the next migration with
``alembic -c development.ini revision --autogenerate -m "what changed"``.
"""

from alembic import context
from sqlalchemy import engine_from_config, event, pool, text

from {{ cookiecutter.package_name }} import model
from {{ cookiecutter.package_name }}.config.application import load_settings

config = context.config
# The tables the model declares: what --autogenerate compares the database with.
target_metadata = model.metadata
# Any number: the name of the lock PostgreSQL holds while one process migrates.
LOCK_ID = 14


def run_migrations() -> None:
    url = config.get_main_option("sqlalchemy.url") or load_settings()["sqlalchemy.url"]
    engine = engine_from_config({"sqlalchemy.url": url}, "sqlalchemy.", poolclass=pool.NullPool)
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


run_migrations()
