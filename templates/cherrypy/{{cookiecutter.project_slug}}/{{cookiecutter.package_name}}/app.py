"""The application: a tree of Python objects that CherryPy publishes.

CherryPy maps URLs onto objects: ``/`` calls ``Root.index``, ``/health`` calls
``Root.health``. Only methods marked with ``@cherrypy.expose`` are reachable.
Behaviour around the handlers (JSON output, static files, ...) comes from
*tools*, switched on by decorators or per-path config.
"""

import html
import os
import urllib.parse
from pathlib import Path

import cherrypy
import jinja2
from dotenv import load_dotenv

from .lenient_query import read_query_leniently
from .security_headers import with_security_headers

PROJECT_NAME = "{{ cookiecutter.project_name }}"

HERE = Path(__file__).resolve().parent
# The project folder (where pyproject.toml is): its .env holds local settings.
ROOT = HERE.parent

# Settings come from the environment. load_dotenv() first copies .env (local
# settings, never committed) into it; a variable that is already set wins.
load_dotenv(ROOT / ".env")

# A secret for what you add that signs data (tokens, signed cookies); CherryPy's
# own sessions need none. wsgi.py refuses to start without it.
SECRET_KEY = os.environ.get("SECRET_KEY", "")

# Debug mode shows tracebacks in error pages: never on unless asked for.
DEBUG = os.environ.get("CHERRYPY_DEBUG") == "1"

# CherryPy leaves templating to you; its documentation shows Jinja2. select_autoescape()
# escapes every value rendered into an .html template, so "<b>" shows as text.
templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=jinja2.select_autoescape(),
)


def url(path: str) -> str:
    """The URL of ``path`` in this application, wherever it is mounted."""
    return cherrypy.url(path, relative="server")


templates.globals["url"] = url


def render(template_name: str, **variables) -> str:
    """Render a Jinja2 template from the templates folder."""
    return templates.get_template(template_name).render(project_name=PROJECT_NAME, **variables)


def refuse_parent_paths() -> None:
    """Answer 404 to a URL that tries to climb out of its folder with '..'.

    tools.staticdir already refuses to serve a file outside its folder, but
    with 403 Forbidden; a 404 treats it like any other file that is not there.
    """
    # staticdir decodes the path once more, so look at it the same way.
    path = urllib.parse.unquote(cherrypy.request.path_info)
    if ".." in path.replace("\\", "/").split("/"):
        raise cherrypy.NotFound()


# Registering the function as a tool lets config switch it on per path; it runs
# just before the handler, ahead of staticdir (a lower priority runs first).
cherrypy.tools.refuse_parent_paths = cherrypy.Tool(
    "before_handler", refuse_parent_paths, priority=40
)


def error_page(status, message, traceback, version):
    """CherryPy's error pages (404, 405, 413...) drawn with the site's own template.

    CherryPy's default page ends with "Powered by CherryPy <version>": a version
    tells an attacker which known flaws to try. ``version`` is left unused for that
    reason; ``traceback`` is empty unless debug mode shows tracebacks.
    """
    # CherryPy has already escaped these for HTML; unescape them, as Jinja2's
    # autoescaping escapes them again, exactly once.
    return render(
        "error.html",
        status=html.unescape(status),
        message=html.unescape(message),
        traceback=html.unescape(traceback),
    )


class Root:
    """The root of the object tree: its exposed methods are the site's pages."""

    @cherrypy.expose
    def index(self, name="", **other_params):
        """The home page: greets the visitor named in ``?name=``."""
        # CherryPy passes query-string parameters as keyword arguments, and
        # answers 404 to one the method does not take: **other_params keeps
        # links such as /?utm_source=mail working. A name given twice arrives
        # as a list, which we ignore.
        name = name.strip() if isinstance(name, str) else ""
        return render("index.html", name=name)

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def health(self, **other_params):
        """A machine-readable liveness check for load balancers and monitors."""
        # The json_out tool encodes the returned dict and sets the content type.
        return {"status": "ok", "framework": "cherrypy"}


# WSGI middleware takes a WSGI application and returns one that calls it.
# CherryPy runs middleware of your own in its application's WSGI pipeline (see
# make_app), around everything CherryPy answers, error pages included. Working
# on the plain WSGI environ and header list costs far less per request than a
# tool, which CherryPy sets up and runs again for every request.
def security_middleware(next_app):
    """Wrap ``next_app``: send the security headers, and read bad query bytes leniently."""

    def middleware(environ, start_response):
        # CherryPy answers a query string it cannot decode as UTF-8 (?name=%ff)
        # with 404 Not Found, even on /health: read such bytes leniently first.
        read_query_leniently(environ)

        def start_response_with_headers(status, headers, exc_info=None):
            return start_response(status, with_security_headers(headers), exc_info)

        return next_app(environ, start_response_with_headers)

    return middleware


# Per-path application config; a path's settings apply below it too. For the
# whole site, CherryPy's built-in allow tool answers any method but GET and HEAD
# with 405 and an Allow header, and bodies over 1 MB are refused with 413. Error
# pages come from error_page, and the Server header names CherryPy without its
# version (CherryPy sends "CherryPy/<version>" unless told otherwise).
# Everything under /static is served from the static folder by the staticdir
# tool, without reaching the object tree.
CONFIG = {
    "/": {
        "tools.allow.on": True,
        "tools.allow.methods": ["GET", "HEAD"],
        "request.body.maxbytes": 1024 * 1024,
        "error_page.default": error_page,
        "response.headers.server": "CherryPy",
    },
    "/static": {
        "tools.refuse_parent_paths.on": True,
        "tools.staticdir.on": True,
        "tools.staticdir.dir": str(HERE / "static"),
    },
}


def make_app() -> cherrypy.Application:
    """Configure CherryPy and mount the application at ``/``.

    The returned ``cherrypy.Application`` is a WSGI callable.
    """
    if not DEBUG:
        # The "production" environment turns off tracebacks in error pages,
        # the autoreloader and the config checker (process-wide settings).
        cherrypy.config.update({"environment": "production"})
    app = cherrypy.tree.mount(Root(), "/", CONFIG)
    # Each (name, constructor) of the pipeline wraps the next; CherryPy itself is last.
    app.wsgiapp.pipeline.append(("security", security_middleware))
    return app
