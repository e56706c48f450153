"""Start Zope for this instance and return the WSGI application.

A Zope *instance* is a directory with the configuration (etc/zope.conf,
etc/site.zcml) and the data (var/) of one site; here it is the project
directory itself. Zope's own WSGI stack is two pieces, as in the zope.ini that
`mkwsgiinstance` writes: ``make_wsgi_app`` reads zope.conf, opens the database,
loads the ZCML and returns the publisher; the ``httpexceptions`` filter around
it turns exceptions such as NotFound or Unauthorized into HTTP answers. This
module adds the settings from .env and the environment, two checks before
Zope starts (a secret, a database that ``migrate`` has set up), and the
safety filter of middleware.py around it all.
"""

import os
import sys
from pathlib import Path

from dotenv import load_dotenv

from .middleware import SafetyFilter

# By default the instance is the current directory, if it is one (an
# installed package lives elsewhere), else the directory above this package.
DEFAULT_INSTANCE_HOME = Path(__file__).resolve().parent.parent
MIGRATE_COMMAND = "python -m {{ cookiecutter.package_name }} migrate"
NOT_SET_UP = f"The database is not set up yet: run `{MIGRATE_COMMAND}` first."


class SetupError(RuntimeError):
    """The instance cannot start: the message says what to do."""


class NotSetUpError(SetupError):
    """The database is there, or can be, but ``migrate`` has not set it up."""


def make_app(instance_home: str | os.PathLike | None = None, *, migrate: bool = False):
    """Start Zope for the instance and return its WSGI application.

    Without ``migrate`` the database must already be set up (by
    ``python -m {{ cookiecutter.package_name }} migrate``): starting the site never changes it,
    and on a database that is not set up the site only answers 503 with
    what to do (and says so on standard error), so a health check fails.
    Zope configures itself globally (one database, one component registry),
    so call this once per process.
    """
    from zc.lockfile import LockError
    from Zope2.Startup import get_wsgi_starter
    from ZPublisher.httpexceptions import HTTPExceptionHandler
    from ZPublisher.WSGIPublisher import publish_module

    home = _instance_home(instance_home)
    # Settings come from the environment; .env fills in what is not set there
    # (it never overrides a variable that is set).
    load_dotenv(home / ".env")
    if not os.environ.get("ZOPE_SECRET_KEY"):
        raise SetupError(
            "ZOPE_SECRET_KEY is not set: copy .env.example to .env and fill it in, "
            "or set it in the environment."
        )
    configroot, handlers = _configuration(home)
    if not migrate:
        try:
            _check_database_is_set_up(configroot)
        except NotSetUpError as error:
            print(error, file=sys.stderr)
            return SafetyFilter(unavailable(str(error)))

    # What Zope2.Startup.run.make_wsgi_app does, with our configuration.
    from App.config import setConfiguration
    from Zope2.Startup.handlers import handleWSGIConfig

    handleWSGIConfig(configroot, handlers)
    setConfiguration(configroot)
    starter = get_wsgi_starter()
    starter.setConfiguration(configroot)
    try:
        starter.prepare()  # opens the database and loads the ZCML
    except LockError:  # another process holds the FileStorage's lock file
        raise SetupError(_ONE_PROCESS) from None
    if migrate:
        from .startup import set_up_site

        set_up_site()
    return SafetyFilter(HTTPExceptionHandler(publish_module, {}))


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


def paste_app_factory(global_config, **settings):
    """The application for PasteDeploy (etc/zope.ini, read by Zope's `runwsgi`)."""
    return make_app(Path(global_config["here"]).parent)


def _instance_home(instance_home) -> Path:
    if instance_home is None:
        here = Path.cwd()
        instance_home = here if (here / "etc" / "zope.conf").is_file() else DEFAULT_INSTANCE_HOME
    home = Path(instance_home).resolve()
    if not (home / "etc" / "zope.conf").is_file():
        raise SetupError(
            f"No Zope instance in {home} (etc/zope.conf is missing): "
            "run the command in the project's directory."
        )
    return home
{% if cookiecutter.database == "filestorage" %}

_ONE_PROCESS = (
    "The FileStorage var/Data.fs is open in another process, and a FileStorage serves one "
    "process only: stop the other one, serve with one process (waitress, or gunicorn -w 1), "
    "or generate the project with --set database=zeo to run several."
)
{%- else %}

_ONE_PROCESS = "The database is locked by another process."
{%- endif %}


def _configuration(home: Path):
    """Read etc/zope.conf, then apply this instance's paths and the environment.

    Returns what Zope's own start-up reads: the configuration and its handlers.
    """
    from Zope2.Startup.options import ZopeWSGIOptions
{% if cookiecutter.database == "filestorage" %}
    # FileStorage creates Data.fs on first start, but not its folder, and
    # zope.conf's check of the path needs the folder.
    data_fs = Path(os.environ.get("ZODB_PATH") or home / "var" / "Data.fs").resolve()
    data_fs.parent.mkdir(parents=True, exist_ok=True)
    (home / "var").mkdir(exist_ok=True)
{%- endif %}
    options = ZopeWSGIOptions(configfile=str(home / "etc" / "zope.conf"))()
    configroot = options.configroot
    configroot.instancehome = str(home)
    configroot.clienthome = str(home / "var")
    # Debug mode is for development only: off unless ZOPE_DEBUG=1.
    configroot.debug_mode = os.environ.get("ZOPE_DEBUG") == "1"
    storage = configroot.databases[0].config.storage.config
{%- if cookiecutter.database == "zeo" %}
    from ZConfig.datatypes import SocketConnectionAddress

    address = os.environ.get("ZEO_ADDRESS")
    if not address:
        raise SetupError(
            "ZEO_ADDRESS is not set: copy .env.example to .env and fill it in, "
            "or set it in the environment (host:port of the ZEO server)."
        )
    storage.server = [SocketConnectionAddress(address)]
{%- else %}
    storage.path = str(data_fs)
{%- endif %}
    return configroot, options.confighandlers


def _check_database_is_set_up(configroot) -> None:
    """Raise NotSetUpError for a database that ``migrate`` has not set up.

    Zope would otherwise create its root objects at start-up, and several
    worker processes starting at once on a fresh database would race to do
    it. The check opens the storage read-only, so it changes nothing.
    """
    import ZODB

    factory = configroot.databases[0].config.storage
{%- if cookiecutter.database == "filestorage" %}
    if not Path(factory.config.path).exists():
        raise NotSetUpError(NOT_SET_UP)
{%- endif %}
    factory.config.read_only = True
    try:
        storage = factory.open()
    except Exception as exc:
{%- if cookiecutter.database == "zeo" %}
        address = os.environ.get("ZEO_ADDRESS")
        raise SetupError(
            f"Cannot reach the ZEO server at ZEO_ADDRESS={address}: start it (runzeo) "
            "or correct ZEO_ADDRESS."
        ) from exc
{%- else %}
        raise SetupError(f"Cannot open the database {factory.config.path}: {exc}") from exc
{%- endif %}
    finally:
        factory.config.read_only = False
    try:
        database = ZODB.DB(storage)
    except Exception:  # a read-only, empty storage: there is no root yet
        storage.close()
        raise NotSetUpError(NOT_SET_UP) from None
    try:
        with database.transaction() as connection:
            # The ZODB root is a mapping; Zope keeps its application in it,
            # and migrate gives the application its note board.
            app = connection.root().get("Application")
            ready = getattr(app, "_notes", None) is not None
    finally:
        database.close()
    if not ready:
        raise NotSetUpError(NOT_SET_UP)
