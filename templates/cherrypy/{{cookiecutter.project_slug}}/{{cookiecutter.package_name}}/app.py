"""The application: a tree of Python objects that CherryPy publishes.

CherryPy maps URLs onto objects: ``/`` calls ``Root.index``, ``/health`` calls
``Root.health``. Only methods marked with ``@cherrypy.expose`` are reachable.
Behaviour around the handlers (JSON output, static files, ...) comes from
*tools*, switched on by decorators or per-path config.
"""

import os
import urllib.parse
from pathlib import Path

import cherrypy
import jinja2

PROJECT_NAME = "{{ cookiecutter.project_name }}"

HERE = Path(__file__).resolve().parent

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


class Root:
    """The root of the object tree: its exposed methods are the site's pages."""

    @cherrypy.expose
    def index(self, name=""):
        """The home page: greets the visitor named in ``?name=``."""
        # CherryPy passes query-string parameters as keyword arguments; a name
        # given twice arrives as a list, which we ignore.
        name = name.strip() if isinstance(name, str) else ""
        return render("index.html", name=name)

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def health(self):
        """A machine-readable liveness check for load balancers and monitors."""
        # The json_out tool encodes the returned dict and sets the content type.
        return {"status": "ok", "framework": "cherrypy"}


# Per-path application config: everything under /static is served from the
# static folder by the staticdir tool, without reaching the object tree.
CONFIG = {
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
    return cherrypy.tree.mount(Root(), "/", CONFIG)
