"""Set the database up: the schema with Alembic, and the first manager account.

A TurboGears quickstart keeps this in ``websetup``, which ``gearbox setup-app``
runs; here ``setup_app()`` runs the same migrations as
``python -m {{ cookiecutter.package_name }} migrate``. Building the app never
changes the schema, so several server processes can start at once.
"""

from alembic import command
from alembic.config import Config
from sqlalchemy import engine_from_config
from sqlalchemy.orm import Session

from {{ cookiecutter.package_name }} import model
from {{ cookiecutter.package_name }}.config.application import settings_from_environment

__all__ = ["create_admin", "migrate", "setup_app"]


def setup_app(command_, conf, vars_) -> None:
    """``gearbox setup-app``: apply the migrations to the database development.ini names."""
    migrate(settings_from_environment(conf.global_conf, conf.local_conf))


def migrate(settings: dict) -> None:
    """Create or upgrade the schema (and its seed data) to the newest migration.

    Alembic records the applied revision in the database, so running this again
    does nothing; migration/env.py takes a lock, so two processes running it at
    once apply each migration only once.
    """
    config = Config()
    config.set_main_option("script_location", "{{ cookiecutter.package_name }}:migration")
    # Alembic's settings are an .ini file in memory: "%" must be written "%%".
    config.set_main_option("sqlalchemy.url", settings["sqlalchemy.url"].replace("%", "%%"))
    command.upgrade(config, "head")


def create_admin(settings: dict, user_name: str, password: str) -> bool:
    """Create the user ``user_name`` in group "managers", or set its password.

    Returns True if the user is new. The group and its "manage" permission come
    from the migrations.
    """
    engine = engine_from_config(settings, "sqlalchemy.")
    try:
        # A session of its own (not the app's DBSession, which the transaction
        # manager commits per request): session.begin() commits when the block ends.
        with Session(engine) as session, session.begin():
            managers = session.query(model.Group).filter_by(group_name="managers").one()
            user = session.query(model.User).filter_by(user_name=user_name).one_or_none()
            created = user is None
            if user is None:
                user = model.User(
                    user_name=user_name,
                    display_name=user_name,
                    email_address=f"{user_name}@example.com",
                )
                session.add(user)
            user.password = password
            if managers not in user.groups:
                user.groups.append(managers)
    finally:
        engine.dispose()
    return created
