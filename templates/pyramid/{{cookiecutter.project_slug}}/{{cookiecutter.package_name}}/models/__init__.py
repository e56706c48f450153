"""The SQLAlchemy models, and how each request gets its database session.

As the Pyramid cookiecutter's SQLAlchemy backend writes it: ``request.dbsession``
is a session joined to the request's transaction (``zope.sqlalchemy``), which
``pyramid_tm`` commits when the view returns and aborts when it raises;
``pyramid_retry`` runs the request again when the database reports a conflict.
"""

import pyramid.request
import pyramid_tm
import zope.sqlalchemy
from pyramid.decorator import reify
from pyramid.tweens import EXCVIEW
from sqlalchemy import engine_from_config
from sqlalchemy.orm import configure_mappers, sessionmaker

# Import or define all models here to ensure they are attached to the
# ``Base.metadata`` prior to any initialization routines.
from .meta import Base
from .note import NOTE_LIMIT, Note
from .user import User

__all__ = [
    "NOTE_LIMIT",
    "Base",
    "Note",
    "Request",
    "User",
    "get_engine",
    "get_session_factory",
    "get_tm_session",
    "includeme",
]

# Run ``configure_mappers`` after defining all of the models to ensure
# all relationships can be setup.
configure_mappers()


def get_engine(settings, prefix="sqlalchemy."):
    return engine_from_config(settings, prefix, pool_pre_ping=True)


def get_session_factory(engine):
    factory = sessionmaker()
    factory.configure(bind=engine)
    return factory


def get_tm_session(session_factory, transaction_manager, request=None):
    """A ``sqlalchemy.orm.Session`` joined to ``transaction_manager``'s transaction.

    Under ``pyramid_tm`` it is committed when the request succeeds and aborted
    when it raises. Scripts wrap it in a manager themselves::

        with transaction.manager:
            dbsession = get_tm_session(session_factory, transaction.manager)
    """
    dbsession = session_factory(info={"request": request})
    zope.sqlalchemy.register(dbsession, transaction_manager=transaction_manager)
    return dbsession


class Request(pyramid.request.Request):
    """The app's request, with ``request.tm`` and ``request.dbsession``, each made on first use.

    The cookiecutter adds them with ``config.add_request_method(..., reify=True)``
    (and ``config.include("pyramid_tm")`` adds ``request.tm`` that way). Pyramid then
    builds a new class for every request to hold them, which costs about a third
    of the time of a request for /health. A subclass of Pyramid's Request, set
    with ``config.set_request_factory`` (Pyramid's docs, "Changing the Request
    Factory"), holds them once.
    """

    @reify
    def tm(self):
        """The request's transaction manager, which pyramid_tm's tween begins and ends."""
        return pyramid_tm.create_tm(self)

    @reify
    def dbsession(self):
        """A SQLAlchemy session joined to the request's transaction."""
        return get_tm_session(self.registry["dbsession_factory"], self.tm, request=self)


def skip_transaction(request):
    """pyramid_tm's ``tm.activate_hook``: no transaction for /health and static files,
    which never touch the database."""
    return not request.environ["PATH_INFO"].startswith(("/health", "/static/"))


def retry_writes_only(request):
    """pyramid_retry's ``retry.activate_hook``: one attempt for a request that only reads
    (GET, HEAD), so it need not keep a copy of its body; None: ``retry.attempts``."""
    return 1 if request.environ["REQUEST_METHOD"] in ("GET", "HEAD") else None


def includeme(config):
    """Initialize the model for a Pyramid app: ``config.include(".models")``."""
    settings = config.get_settings()
    settings["tm.manager_hook"] = pyramid_tm.explicit_manager
    settings["tm.activate_hook"] = skip_transaction
    settings["retry.activate_hook"] = retry_writes_only

    # pyramid_tm's tween begins a transaction before the view runs, commits it
    # when the view returns and aborts it when the view raises; the packages
    # ``pyramid_tm`` and ``transaction`` also close the database session after
    # every request. ``config.include("pyramid_tm")`` adds this tween and
    # ``request.tm``; here the Request class above has ``request.tm``.
    config.add_tween("pyramid_tm.tm_tween_factory", over=EXCVIEW)

    # use pyramid_retry to retry a request when transient exceptions occur
    # (retry.attempts in the .ini file: a write that lost a race is tried again).
    config.include("pyramid_retry")

    # hook to share the dbengine fixture in testing
    dbengine = settings.get("dbengine")
    if not dbengine:
        dbengine = get_engine(settings)

    # request.dbsession (the Request class above) opens its sessions with this factory.
    config.registry["dbsession_factory"] = get_session_factory(dbengine)
    config.set_request_factory(Request)
