"""What the app answers, the same whichever interface serves it.

The WSGI resources (resources.py) and the ASGI ones (asgi_resources.py) call
these functions, so the two files differ only in what async changes. None of
them waits on the network, so an ``async def`` responder calls them directly.
"""

from typing import Any

import falcon
import jinja2

from .config import Settings

# Falcon has no template engine: it sends whatever text a responder sets. The
# pages are rendered with Jinja2, which autoescapes every .html template: a
# value's HTML ("<b>") is shown as text, never run. Jinja2 compiles each
# template in templates/ once and keeps it (compiling it again if it changes).
templates = jinja2.Environment(
    loader=jinja2.PackageLoader(__package__, "templates"),
    autoescape=jinja2.select_autoescape(),
)

# What /health answers; resources set it as resp.media and Falcon sends it as JSON.
HEALTH = {"status": "ok", "framework": "falcon"}


def greeting(name: str) -> str:
    """The greeting for ``name``: "Hello, Ada!", or "Hello, world!" without one."""
    return f"Hello, {name}!" if name else "Hello, world!"


def render_index(settings: Settings, name: str) -> str:
    """The home page, as HTML."""
    page = templates.get_template("index.html")
    return page.render(project_name=settings.project_name, name=name, greeting=greeting(name))


def greet(document: Any) -> dict[str, str]:
    """The JSON answer to a posted ``{"name": "Ada"}``; 400 for anything else."""
    name = document.get("name") if isinstance(document, dict) else None
    if not isinstance(name, str):
        raise falcon.HTTPBadRequest(
            title="Invalid greeting request",
            description='Send a JSON object with a "name" string, such as {"name": "Ada"}.',
        )
    return {"greeting": greeting(name.strip())}
