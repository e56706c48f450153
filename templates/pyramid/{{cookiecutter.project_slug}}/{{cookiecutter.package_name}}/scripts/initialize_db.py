"""Set the database up: the schema with Alembic, and administrator accounts.

The Pyramid cookiecutter keeps this in ``scripts/initialize_db.py``; here
``python -m {{ cookiecutter.package_name }} migrate`` and ``create-admin`` call it.
Building the app never changes the schema, so server processes can start at once.
"""

import transaction
from alembic import command
from alembic.config import Config
from sqlalchemy import select

from .. import PROJECT_DIR, models

__all__ = ["create_admin", "migrate"]


def alembic_config(settings: dict) -> Config:
    """Alembic's settings: the [alembic] section of development.ini, the app's database."""
    config = Config(str(PROJECT_DIR / "development.ini"))
    config.set_main_option("script_location", "{{ cookiecutter.package_name }}:alembic")
    # Alembic's settings are an .ini file in memory: "%" must be written "%%".
    config.set_main_option("sqlalchemy.url", settings["sqlalchemy.url"].replace("%", "%%"))
    return config


def migrate(settings: dict) -> None:
    """Create or upgrade the schema to the newest migration (``alembic upgrade head``).

    Alembic records the applied revision in the database, so running this again
    does nothing; alembic/env.py takes a lock, so two processes running it at
    once apply each migration only once.
    """
    command.upgrade(alembic_config(settings), "head")


def create_admin(settings: dict, name: str, password: str) -> bool:
    """Create the administrator ``name``, or set its password; True if it is new."""
    engine = models.get_engine(settings)
    try:
        session_factory = models.get_session_factory(engine)
        # A transaction of its own, committed when the block ends.
        with transaction.manager:
            dbsession = models.get_tm_session(session_factory, transaction.manager)
            user = dbsession.scalars(select(models.User).where(models.User.name == name)).first()
            created = user is None
            if user is None:
                user = models.User(name=name, role="admin")
                dbsession.add(user)
            user.role = "admin"
            user.set_password(password)
            # A new password ends the logins made with the old one.
            user.login_generation = (user.login_generation or 0) + 1
    finally:
        engine.dispose()
    return created
