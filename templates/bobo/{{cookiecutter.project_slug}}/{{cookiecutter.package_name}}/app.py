"""{{ cookiecutter.project_name }}: a Bobo application.

Bobo publishes Python objects on the web. A bobo decorator turns a function
into a *resource*: it gives the function a route and says how to call it.
``bobo.Application`` collects the resources of this module into one WSGI
application, which ``wsgi.py`` and ``__main__.py`` serve.
"""

import os
from pathlib import Path

import bobo
from chameleon import PageTemplateLoader
from webob.static import FileApp

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"

PROJECT_NAME = "{{ cookiecutter.project_name }}"

# Debug is off unless BOBO_DEBUG=1: then templates reload when you edit them and
# errors reach the server (and your tests) with their traceback, instead of
# bobo answering a plain "500 Internal Server Error" page.
DEBUG = os.environ.get("BOBO_DEBUG") == "1"

# A development secret generated for this project only; set SECRET_KEY in
# production. Nothing in this starter signs data yet: use it when you add
# signed cookies or sessions.
DEV_SECRET_KEY = "{{ cookiecutter.__dev_secret_key }}"
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)

# Bobo has no template engine of its own (its docs return plain strings).
# Chameleon is the natural pick for it: it comes from the same Zope world, its
# page templates are valid HTML, and it escapes every ${...} by default.
templates = PageTemplateLoader(str(HERE / "templates"), ".pt", auto_reload=DEBUG)


# @bobo.query fills the function's arguments from the request: ``name`` from
# the query string (?name=...), ``bobo_request`` with the WebOb request itself.
@bobo.query("/")
def index(bobo_request, name=""):
    """The home page: greets the visitor named in ``?name=``."""
    if isinstance(name, list):  # bobo passes a repeated variable (?name=a&name=b) as a list
        name = name[-1]
    # The returned string becomes a text/html response. Chameleon escapes the
    # name when it renders it, so HTML in it stays text.
    return templates["index"](
        project_name=PROJECT_NAME,
        name=name.strip(),
        # Where the app is mounted ("" at the site root), for the page's links.
        app_url=bobo_request.script_name,
    )


@bobo.query("/health", content_type="application/json")
def health():
    """A machine-readable liveness check for load balancers and monitors."""
    # With a JSON content type, bobo serializes the returned dict for us.
    return {"status": "ok", "framework": "bobo"}


# @bobo.resource passes the request and the route's placeholders unchanged.
# ``:filename`` matches one path segment, never a "/", so only files directly
# inside static/ can be named; the check below also refuses "..".
@bobo.resource("/static/:filename", method=("GET", "HEAD"))
def static(request, filename):
    """Serve a file from the static folder, and nothing outside it."""
    path = (STATIC_DIR / filename).resolve()
    if not path.is_relative_to(STATIC_DIR) or not path.is_file():
        raise bobo.NotFound
    # A resource may return any WSGI application as its response: WebOb's
    # FileApp sends the file with its content type, ETag and Last-Modified.
    return FileApp(str(path))


# bobo_resources names the module(s) bobo scans for decorated resources; they
# are tried in the order they are defined. With bobo_handle_exceptions on,
# bobo turns an uncaught error into a plain 500 page without the traceback.
application = bobo.Application(
    bobo_resources=__name__,
    bobo_handle_exceptions=not DEBUG,
)
