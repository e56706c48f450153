"""{{ cookiecutter.project_name }}: a Grok application.

``make_application()`` builds the WSGI application the Zope Toolkit way:
``zope.app.wsgi`` reads ``zope.conf`` (where the ZODB lives, which ZCML file
configures the site), runs the ZCML that groks this package, opens the
database and returns a publisher for it. ``grokcore.startup``, which Grok's
documentation uses with Paste, does exactly this from a paste ini file.
"""

import io
import os
from pathlib import Path

PROJECT_NAME = "{{ cookiecutter.project_name }}"

# The admin password for development, generated for this project only. In
# production, set the ADMIN_PASSWORD environment variable instead.
DEV_ADMIN_PASSWORD = "{{ cookiecutter.__admin_password }}"

HERE = Path(__file__).parent


def debug_enabled() -> bool:
    """Zope's developer mode shows internals to anyone: never on unless asked for."""
    return os.environ.get("GROK_DEBUG") == "1"


def make_application(zodb_path: str | os.PathLike | None = None, debug: bool | None = None):
    """Create the WSGI application, and the ZODB file if it does not exist yet.

    The database is a ZODB FileStorage at ``zodb_path``, else at $ZODB_PATH,
    else at ``var/Data.fs`` under the current directory.
    """
    from zope.app.wsgi import getWSGIApplication

    if zodb_path is None:
        zodb_path = os.environ.get("ZODB_PATH", "var/Data.fs")
    zodb_path = Path(zodb_path).resolve()
    zodb_path.parent.mkdir(parents=True, exist_ok=True)
    if debug is None:
        debug = debug_enabled()

    # zope.conf refers to $site_zcml, $zodb_path and $devmode: ZConfig
    # substitutes them from these %define lines, written before the file.
    settings = {
        "site_zcml": HERE / "site.zcml",
        "zodb_path": zodb_path,
        "devmode": "on" if debug else "off",
    }
    defines = "".join(
        f"%define {name} {str(value).replace('$', '$$')}\n" for name, value in settings.items()
    )
    zope_conf = io.StringIO(defines + (HERE / "zope.conf").read_text())
    return getWSGIApplication(zope_conf)
