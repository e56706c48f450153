"""{{ cookiecutter.project_name }}: a web.py application.

web.py maps URLs to classes: the ``urls`` tuple pairs a regular expression with
the name of a class, and that class answers with one method per HTTP verb
(``GET``, ``POST``, ...). Groups in the pattern become the method's arguments.
"""

import json
import mimetypes
import os
from pathlib import Path

import web
from dotenv import load_dotenv

from .security_headers import with_security_headers

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
# The project folder (where pyproject.toml is): its .env holds local settings.
ROOT = HERE.parent

# Settings come from the environment. load_dotenv() first copies .env (local
# settings, never committed) into it; a variable that is already set wins.
load_dotenv(ROOT / ".env")

PROJECT_NAME = "{{ cookiecutter.project_name }}"

# web.py switches debug mode on by itself when started from a terminal; debug
# shows tracebacks in the browser and reloads changed modules. Keep it off
# unless WEBPY_DEBUG=1, and decide before web.application() is created.
web.config.debug = os.environ.get("WEBPY_DEBUG") == "1"

# web.py's sessions (web.session) sign their cookie with this key; wsgi.py
# refuses to start without it. Their cookie is HttpOnly by default; SameSite=Lax
# keeps it off forms posted from other sites.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
web.config.session_parameters["secret_key"] = SECRET_KEY
web.config.session_parameters["samesite"] = "Lax"

# Templetor, web.py's template language: render.index(...) renders
# templates/index.html inside templates/layout.html. ``$name`` is HTML-escaped;
# only ``$:name`` prints raw HTML. Templates are cached unless debug is on.
render = web.template.render(str(HERE / "templates"), base="layout", globals={"ctx": web.ctx})

# web.py tries the patterns in order, so the URL called most often (a load
# balancer asks /health every few seconds) comes first.
# fmt: off
urls = (
    "/health", "Health",
    "/", "Index",
    "/static/(.+)", "Static",
)
# fmt: on


class Index:
    def GET(self):
        """The home page: greets the visitor named in ``?name=``."""
        # web.input() reads the query string and form; name="" is the default.
        name = web.input(name="").name.strip()
        return render.index(PROJECT_NAME, name)


class Health:
    def GET(self):
        """A machine-readable liveness check for load balancers and monitors."""
        web.header("Content-Type", "application/json")
        return json.dumps({"status": "ok", "framework": "webpy"})


class Static:
    """Serve a file from the static folder, and nothing outside it.

    web.py's development server serves /static/ from the current directory, and
    production servers do not at all; this class serves the package's own
    static folder the same way under every server.
    """

    def GET(self, filename):
        if "\0" in filename:  # no file name holds a NUL byte; the OS would refuse it
            raise web.notfound()
        path = (STATIC_DIR / filename).resolve()
        # resolve() has followed every "..": the file must still be inside.
        if not path.is_relative_to(STATIC_DIR) or not path.is_file():
            raise web.notfound()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        web.header("Content-Type", content_type)
        return path.read_bytes()


# A processor wraps every request: it runs code before and after ``handler()``,
# which calls the class that answers the URL (or raises its error page).
def security_headers(handler):
    """Add the security headers to every response, error pages included."""
    # web.ctx.headers is the list of headers the response will send. web.header()
    # adds one at a time and checks it for line breaks on every request; these
    # are fixed and known to be clean, so the list takes them all at once, after
    # the page (or its error, on the way out) has set its own.
    try:
        return handler()
    finally:
        web.ctx.headers = with_security_headers(web.ctx.headers)


def head_without_body(handler):
    """Answer HEAD like GET, without the body.

    web.py answers HEAD with the GET method of a class that has no HEAD, and
    would send GET's body too. Content-Length still tells the size of GET's
    body, so that no server adds a body of its own (an empty chunk).
    """
    if web.ctx.method != "HEAD":
        return handler()
    try:
        body = handler()
    except web.HTTPError as error:  # notfound() and the like carry their page
        web.header("Content-Length", str(len(_encoded(error.data))))
        error.data = b""
        raise
    web.header("Content-Length", str(len(_encoded(body))))
    return b""


def _encoded(body) -> bytes:
    """A handler's answer (bytes, str or a rendered template) as bytes."""
    return body if isinstance(body, bytes) else str(body).encode()


# The application looks the class names of ``urls`` up in this module's globals.
app = web.application(urls, globals())
app.add_processor(security_headers)
app.add_processor(head_without_body)
