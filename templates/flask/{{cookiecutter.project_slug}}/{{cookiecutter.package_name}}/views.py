"""The application's views, grouped in a blueprint."""

from flask import Blueprint, jsonify, render_template, request

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """The home page: greets the visitor named in ``?name=``."""
    # Jinja2 escapes the name when it renders it, so HTML in it stays text.
    name = request.args.get("name", "").strip()
    return render_template("index.html", name=name)


@bp.get("/health")
def health():
    """A machine-readable liveness check for load balancers and monitors."""
    return jsonify(status="ok", framework="flask")
