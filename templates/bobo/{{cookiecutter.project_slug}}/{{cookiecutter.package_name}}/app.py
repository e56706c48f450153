"""{{ cookiecutter.project_name }}: a Bobo application.

Bobo publishes Python objects on the web. A bobo decorator turns a function
into a *resource*: it gives the function a route and says how to call it.
``bobo.Application`` collects the resources of this module into one WSGI
application, which ``wsgi.py`` and ``__main__.py`` serve.
"""

import mimetypes
import os
from pathlib import Path

import bobo
import webob
from chameleon import PageTemplateLoader
from dotenv import load_dotenv
from webob.exc import HTTPBadRequest

from .lenient_query import is_utf8, read_query_leniently
from .security_headers import with_security_headers

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
# The project folder (where pyproject.toml is): its .env holds local settings.
ROOT = HERE.parent

# Settings come from the environment. load_dotenv() first copies .env (local
# settings, never committed) into it; a variable that is already set wins.
load_dotenv(ROOT / ".env")

PROJECT_NAME = "{{ cookiecutter.project_name }}"

# Debug is off unless BOBO_DEBUG=1: then templates reload when you edit them and
# errors reach the server (and your tests) with their traceback, instead of
# bobo answering a plain "500 Internal Server Error" page.
DEBUG = os.environ.get("BOBO_DEBUG") == "1"

# Nothing in this starter signs data yet: use the key when you add signed
# cookies or sessions. wsgi.py refuses to start without it.
SECRET_KEY = os.environ.get("SECRET_KEY", "")

# Bobo has no template engine of its own (its docs return plain strings).
# Chameleon is the natural pick for it: it comes from the same Zope world, its
# page templates are valid HTML, and it escapes every ${...} by default.
templates = PageTemplateLoader(str(HERE / "templates"), ".pt", auto_reload=DEBUG)


# @bobo.query publishes a function at a route. It accepts POST too unless
# ``method`` says otherwise; bobo answers any other method with 405 and an Allow
# header. bobo tries the resources in the order they are defined, so the URL
# called most often (a load balancer asks /health every few seconds) comes first.
@bobo.query("/health", method=("GET", "HEAD"), content_type="application/json")
def health():
    """A machine-readable liveness check for load balancers and monitors."""
    # With a JSON content type, bobo serializes the returned dict for us.
    return {"status": "ok", "framework": "bobo"}


# @bobo.query also fills the function's arguments from the request: ``name``
# from the query string (?name=...), ``bobo_request`` with the WebOb request.
@bobo.query("/", method=("GET", "HEAD"))
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


# @bobo.resource passes the request and the route's placeholders unchanged.
# ``:filename`` matches one path segment, never a "/", so only files directly
# inside static/ can be named; the check below also refuses "..".
@bobo.resource("/static/:filename", method=("GET", "HEAD"))
def static(request, filename):
    """Serve a file from the static folder, and nothing outside it."""
    if "\0" in filename:  # no file name holds a NUL byte; the OS would refuse it
        raise bobo.NotFound
    path = (STATIC_DIR / filename).resolve()
    if not path.is_relative_to(STATIC_DIR) or not path.is_file():
        raise bobo.NotFound
    # A resource may return a WebOb response. The file is read whole, which
    # suits a stylesheet (in production a proxy or CDN serves big files), and
    # nothing stays open after a HEAD or a 304. conditional_response answers
    # If-None-Match and If-Modified-Since with 304 Not Modified.
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    response = webob.Response(
        body=path.read_bytes(), content_type=content_type, conditional_response=True
    )
    response.last_modified = path.stat().st_mtime
    response.md5_etag()
    return response


# bobo_resources names the module(s) bobo scans for decorated resources; they
# are tried in the order they are defined. With bobo_handle_exceptions on,
# bobo turns an uncaught error into a plain 500 page without the traceback.
bobo_app = bobo.Application(
    bobo_resources=__name__,
    bobo_handle_exceptions=not DEBUG,
)


# Bobo has no hook around every request, so a small WSGI middleware does it: a
# function that takes a WSGI application and returns one that wraps it. It reads
# the environ and adds headers on the way out, without building a request or a
# response object, so it costs next to nothing when there is nothing to repair.
def security_headers(app):
    """Wrap ``app``: send the security headers, and keep bad bytes from being a 500."""

    def middleware(environ, start_response):
        # bobo decodes the path and the query string as UTF-8, and answers 500 to
        # bytes that are not (/%ff, ?name=%ff). A query string's are read
        # leniently; a path that is not UTF-8 is a 400 (WSGI hands it over as
        # bytes read as Latin-1).
        read_query_leniently(environ)

        def start_response_with_headers(status, headers, exc_info=None):
            # A new list: the response object that sent ``headers`` keeps its own.
            return start_response(status, with_security_headers(headers), exc_info)

        path = environ.get("PATH_INFO", "")
        if not path.isascii() and not is_utf8(path.encode("latin-1")):
            # A WebOb exception is itself a WSGI application that sends its page.
            bad_path = HTTPBadRequest("The URL path is not valid UTF-8.")
            return bad_path(environ, start_response_with_headers)
        return app(environ, start_response_with_headers)

    return middleware


application = security_headers(bobo_app)
