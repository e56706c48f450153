"""The application's model: the SQLAlchemy session, the base class and the tables."""

import zope.sqlalchemy
from sqlalchemy.orm import declarative_base, scoped_session, sessionmaker

# DBSession() returns the session of the current request (one per thread).
# zope.sqlalchemy joins it to the transaction manager, which commits at the end
# of each request, or rolls back if the request failed.
maker = sessionmaker(autoflush=True, autocommit=False)
DBSession = scoped_session(maker)
zope.sqlalchemy.register(DBSession)

# The base class of every model class; its metadata knows all their tables.
DeclarativeBase = declarative_base()
metadata = DeclarativeBase.metadata


def init_model(engine):
    """Bind the session to the database; TurboGears calls this at start."""
    DBSession.configure(bind=engine)
    return DBSession


# Import the model modules here, so `model.Note` etc. work and Alembic sees every table.
from {{ cookiecutter.package_name }}.model.auth import Group, LoginSession, Permission, User  # noqa: E402
from {{ cookiecutter.package_name }}.model.note import Note  # noqa: E402

__all__ = [
    "DBSession",
    "DeclarativeBase",
    "metadata",
    "init_model",
    "User",
    "Group",
    "LoginSession",
    "Permission",
    "Note",
]
