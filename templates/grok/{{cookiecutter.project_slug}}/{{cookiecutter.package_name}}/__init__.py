"""{{ cookiecutter.project_name }}: a Grok application.

``make_application()`` builds the WSGI application the Zope Toolkit way:
``zope.app.wsgi`` reads ``zope.conf`` (where the ZODB lives, which ZCML file
configures the site), runs the ZCML that groks this package, opens the
database and returns a publisher for it. ``grokcore.startup``, which Grok's
documentation uses with Paste, does exactly this from a paste ini file. Around
it: the settings from .env, two checks before the database opens (a secret,
a database that ``migrate`` has set up) and the safety filter of middleware.py.
"""

import io
import os
import sys
from pathlib import Path

from dotenv import load_dotenv

PROJECT_NAME = "{{ cookiecutter.project_name }}"
NOT_SET_UP = f"The database is not set up yet: run `python -m {__name__} migrate` first."

HERE = Path(__file__).parent


class SetupError(RuntimeError):
    """The application cannot start: the message says what to do."""


class NotSetUpError(SetupError):
    """The database is there, or can be, but ``migrate`` has not set it up."""


def unavailable(message: str):
    """A WSGI application that answers every request with 503 and ``message``."""
    body = message.encode()

    def application(environ, start_response):
        headers = [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
        ]
        start_response("503 Service Unavailable", headers)
        return [body]

    return application


def debug_enabled() -> bool:
    """Zope's developer mode shows internals to anyone: never on unless asked for."""
    return os.environ.get("GROK_DEBUG") == "1"


def make_application(
    zodb_path: str | os.PathLike | None = None,
    debug: bool | None = None,
    *,
    migrate: bool = False,
):
    """Create the WSGI application.

    {% if cookiecutter.database == "zeo" -%}
    The database is the ZEO server at $ZEO_ADDRESS (``host:port``).
    {%- else -%}
    The database is a ZODB FileStorage at ``zodb_path``, else at $ZODB_PATH,
    else at ``var/Data.fs`` under the current directory.
    {%- endif %} Without
    ``migrate`` the database must already be set up (``{{ cookiecutter.package_name }} migrate``):
    starting the site never changes it, and on a database that is not set up
    the site only answers 503 with what to do (and says so on standard error),
    so a health check fails. Zope's configuration is global to the
    process, so call this once per process.
    """
    import zope.app.wsgi
    from zc.lockfile import LockError
    from zope.app.wsgi.interfaces import WSGIPublisherApplicationCreated
    from zope.event import notify

    from .middleware import SafetyFilter

    # Settings come from the environment; .env fills in what is not set there
    # (it never overrides a variable that is set).
    load_dotenv(HERE.parent / ".env")
    if not os.environ.get("GROK_SECRET_KEY"):
        raise SetupError(
            "GROK_SECRET_KEY is not set: copy .env.example to .env and fill it in, "
            "or set it in the environment."
        )
    if debug is None:
        debug = debug_enabled()
{%- if cookiecutter.database == "zeo" %}
    address = os.environ.get("ZEO_ADDRESS")
    if not address:
        raise SetupError(
            "ZEO_ADDRESS is not set: copy .env.example to .env and fill it in, "
            "or set it in the environment (host:port of the ZEO server)."
        )
    host, _, port = address.rpartition(":")
    if not migrate:
        try:
            _check_database_is_set_up(_zeo_storage(host, int(port)))
        except NotSetUpError as error:
            print(error, file=sys.stderr)
            return SafetyFilter(unavailable(str(error)))
    settings = {"zeo_address": address}
{%- else %}
    if zodb_path is None:
        zodb_path = os.environ.get("ZODB_PATH") or "var/Data.fs"
    zodb_path = Path(zodb_path).resolve()
    if not migrate:
        from ZODB.FileStorage import FileStorage

        try:
            if not zodb_path.exists():
                raise NotSetUpError(NOT_SET_UP)
            _check_database_is_set_up(FileStorage(str(zodb_path), read_only=True))
        except NotSetUpError as error:
            print(error, file=sys.stderr)
            return SafetyFilter(unavailable(str(error)))
    zodb_path.parent.mkdir(parents=True, exist_ok=True)
    settings = {"zodb_path": zodb_path}
{%- endif %}

    # zope.conf refers to $site_zcml, $devmode and the database's $-names:
    # ZConfig substitutes them from these %define lines, written before the file.
    settings.update(site_zcml=HERE / "site.zcml", devmode="on" if debug else "off")
    defines = "".join(
        f"%define {name} {str(value).replace('$', '$$')}\n" for name, value in settings.items()
    )
    zope_conf = io.StringIO(defines + (HERE / "zope.conf").read_text())
    try:
        # Reads zope.conf, runs the ZCML, opens the database; on a new one,
        # Zope creates its root folder and Grok announces the new database.
        database = zope.app.wsgi.config(zope_conf)
    except LockError:  # another process holds the FileStorage's lock file
        raise SetupError(_ONE_PROCESS) from None
    if migrate:
        from .app import set_up_database

        set_up_database(database)
    application = zope.app.wsgi.WSGIPublisherApplication(database)
    notify(WSGIPublisherApplicationCreated(application))
    wrapped = SafetyFilter(application)
    wrapped.database = database  # the open ZODB, for the commands in __main__.py
    return wrapped
{% if cookiecutter.database == "zeo" %}

_ONE_PROCESS = "The database is locked by another process."


def _zeo_storage(host: str, port: int):
    """A read-only client of the ZEO server, for the check below."""
    from ZEO.ClientStorage import ClientStorage

    try:
        return ClientStorage((host, port), read_only=True, wait_timeout=30)
    except Exception as exc:
        raise SetupError(
            f"Cannot reach the ZEO server at ZEO_ADDRESS={host}:{port}: start it (runzeo) "
            "or correct ZEO_ADDRESS."
        ) from exc
{%- else %}

_ONE_PROCESS = (
    "The FileStorage is open in another process, and a FileStorage serves one process only: "
    "stop the other one, serve with one process (waitress, or gunicorn -w 1), or generate "
    "the project with --set database=zeo to run several."
)
{%- endif %}


def _check_database_is_set_up(storage) -> None:
    """Raise NotSetUpError for a database that ``migrate`` has not set up.

    Zope would otherwise create its root folder at start-up, and several
    worker processes starting at once on a fresh database would race to do
    it. The storage is opened read-only, so the check changes nothing.
    """
    import ZODB
    from zope.app.publication.zopepublication import ZopePublication

    from .app import APP_NAME

    try:
        database = ZODB.DB(storage)
    except Exception:  # a read-only, empty storage: there is no root yet
        storage.close()
        raise NotSetUpError(NOT_SET_UP) from None
    try:
        with database.transaction() as connection:
            # The ZODB root is a mapping; Zope keeps its root folder in it,
            # and migrate adds the application to that folder.
            root_folder = connection.root().get(ZopePublication.root_name)
            ready = root_folder is not None and APP_NAME in root_folder
    finally:
        database.close()
    if not ready:
        raise NotSetUpError(NOT_SET_UP)
