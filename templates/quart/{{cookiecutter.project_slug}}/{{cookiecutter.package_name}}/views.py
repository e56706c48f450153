"""The application's views, grouped in a blueprint.

Each view is a coroutine (``async def``): while one awaits (a database, another
service), the event loop serves other requests in the same process.
"""

from quart import Blueprint, jsonify, render_template, request

bp = Blueprint("main", __name__)


@bp.get("/")
async def index():
    """The home page: greets the visitor named in ``?name=``."""
    # Jinja2 escapes the name when it renders it, so HTML in it stays text.
    name = request.args.get("name", "").strip()
    # Quart renders templates asynchronously: render_template must be awaited.
    return await render_template("index.html", name=name)


@bp.get("/health")
async def health():
    """A machine-readable liveness check for load balancers and monitors."""
    return jsonify(status="ok", framework="quart")
