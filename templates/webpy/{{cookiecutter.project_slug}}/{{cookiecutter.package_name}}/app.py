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

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"

PROJECT_NAME = "{{ cookiecutter.project_name }}"

# web.py switches debug mode on by itself when started from a terminal; debug
# shows tracebacks in the browser and reloads changed modules. Keep it off
# unless WEBPY_DEBUG=1, and decide before web.application() is created.
web.config.debug = os.environ.get("WEBPY_DEBUG") == "1"

# A development secret generated for this project only; set SECRET_KEY in
# production. web.py's sessions (web.session) use it; its own default is the
# same for every web.py site.
DEV_SECRET_KEY = "{{ cookiecutter.__dev_secret_key }}"
web.config.session_parameters["secret_key"] = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)

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
        path = (STATIC_DIR / filename).resolve()
        # resolve() has followed every "..": the file must still be inside.
        if not path.is_relative_to(STATIC_DIR) or not path.is_file():
            raise web.notfound()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        web.header("Content-Type", content_type)
        return path.read_bytes()


# The application looks the class names of ``urls`` up in this module's globals.
app = web.application(urls, globals())
