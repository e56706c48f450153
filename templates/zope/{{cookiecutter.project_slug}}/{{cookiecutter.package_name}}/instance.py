"""Start Zope for this instance and return the WSGI application.

A Zope *instance* is a directory with the configuration (etc/zope.conf,
etc/site.zcml) and the data (var/Data.fs) of one site; here it is the project
directory itself. Zope's own WSGI stack is two pieces, as in the zope.ini that
`mkwsgiinstance` writes: ``make_wsgi_app`` reads zope.conf, opens the database,
loads the ZCML and returns the publisher; the ``httpexceptions`` filter around
it turns exceptions such as NotFound or Unauthorized into HTTP answers.
"""

import os
from pathlib import Path

from Zope2.Startup.run import make_wsgi_app
from ZPublisher.httpexceptions import HTTPExceptionHandler

# By default the instance is the directory that holds this package.
DEFAULT_INSTANCE_HOME = Path(__file__).resolve().parent.parent


def make_app(instance_home: str | os.PathLike | None = None):
    """Start Zope for the instance and return its WSGI application.

    Zope configures itself globally (one database, one component registry),
    so call this once per process.
    """
    home = Path(instance_home or os.environ.get("INSTANCE_HOME") or DEFAULT_INSTANCE_HOME).resolve()
    zope_conf = home / "etc" / "zope.conf"
    if not zope_conf.is_file():
        raise RuntimeError(
            f"No Zope instance in {home} (etc/zope.conf is missing): "
            "set INSTANCE_HOME to the project's directory."
        )
    # etc/zope.conf reads both paths from the environment: $(INSTANCE_HOME)
    # and $(ZODB_PATH). Set ZODB_PATH yourself to keep the data elsewhere.
    os.environ["INSTANCE_HOME"] = str(home)
    data_fs = Path(os.environ.get("ZODB_PATH") or home / "var" / "Data.fs").resolve()
    os.environ["ZODB_PATH"] = str(data_fs)
    # FileStorage creates Data.fs on first start, but not its folder.
    data_fs.parent.mkdir(parents=True, exist_ok=True)

    # Debug mode is for development only: off unless ZOPE_DEBUG=1.
    debug = os.environ.get("ZOPE_DEBUG") == "1"
    global_config = {"debug_mode": "true" if debug else "false"}
    publisher = make_wsgi_app(global_config, str(zope_conf))
    return HTTPExceptionHandler(publisher, global_config)
