"""The application: one Bottle() object and its routes.

Bottle keeps a whole web app in a single module. A ``Bottle()`` instance holds
the routes; each decorated function answers one URL.
"""

import os
from pathlib import Path

import bottle
from bottle import Bottle, abort, request, static_file, template
from dotenv import load_dotenv

from .security_headers import security_headers

PROJECT_NAME = "{{ cookiecutter.project_name }}"

HERE = Path(__file__).resolve().parent
# The project folder (where pyproject.toml is): its .env holds local settings.
ROOT = HERE.parent
STATIC_ROOT = str(HERE / "static")
# Bottle looks for views in ./views/ of the *current directory* by default; an
# absolute path lets the app start from any directory.
TEMPLATE_LOOKUP = [str(HERE / "views")]

# Settings come from the environment. load_dotenv() first copies .env (local
# settings, never committed) into it; a variable that is already set wins.
load_dotenv(ROOT / ".env")

# The key to sign cookies with: response.set_cookie(name, value, secret=SECRET_KEY)
# and request.get_cookie(name, secret=SECRET_KEY). wsgi.py refuses to start without it.
SECRET_KEY = os.environ.get("SECRET_KEY", "")

# Debug mode shows tracebacks in error pages and re-reads templates on every
# request: never on unless asked for. Bottle keeps this setting module-wide.
DEBUG = os.environ.get("BOTTLE_DEBUG") == "1"
bottle.debug(DEBUG)

app = Bottle()


def render(view: str, /, **variables) -> str:
    """Render the SimpleTemplate view ``views/<view>.tpl`` with ``variables``."""
    return template(
        view,
        template_lookup=TEMPLATE_LOOKUP,
        project_name=PROJECT_NAME,
        url=app.get_url,  # views build links from route names, e.g. url("static", ...)
        **variables,
    )


@app.get("/", name="index")
def index():
    """The home page: greets the visitor named in ``?name=``."""
    # Attribute access on request.query decodes UTF-8 and gives "" when the
    # parameter is missing. The view escapes the name when it renders it.
    name = request.query.name.strip()
    return render("index", name=name)


@app.get("/health", name="health")
def health():
    """A machine-readable liveness check for load balancers and monitors."""
    # Bottle turns a returned dict into a JSON response.
    return {"status": "ok", "framework": "bottle"}


@app.get("/static/<filepath:path>", name="static")
def static(filepath):
    """Serve a file from the static folder."""
    # static_file() guesses the content type and never serves a file outside
    # its root: it answers such paths with 403. We answer 404, as for any
    # other file that is not there.
    response = static_file(filepath, root=STATIC_ROOT)
    if response.status_code == 403:
        abort(404, "Not found.")
    return response


# A Bottle() object is a WSGI application, so WSGI middleware can wrap it: a
# function that takes a WSGI application and returns one that calls it. This one
# adds the security headers to whatever the app answers, error pages included.
# (An "after_request" hook could set them too, but Bottle would check and
# convert each header again on every request; here they are added ready-made.)
# What servers and tests call: the Bottle app inside its middleware.
application = security_headers(app)
