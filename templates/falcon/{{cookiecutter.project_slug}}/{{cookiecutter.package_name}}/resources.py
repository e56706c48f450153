"""The resources of the WSGI app: classes whose on_<method> responders answer requests.

app.py routes each URL to one resource instance; Falcon calls the responder
named after the request's method (``on_get`` for GET) with the request and the
response to fill in. A method a resource has no responder for is answered 405,
with an Allow header listing those it has. asgi_resources.py holds the same
resources for the ASGI app, their responders written ``async def``.
"""

import falcon

from . import content
from .config import Settings
from .hooks import max_body


class Index:
    """The home page: greets the visitor named in ``?name=``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        # get_param reads the query string (bytes that are not UTF-8 arrive as
        # "\ufffd", never an error); Jinja2 escapes the name when it renders it.
        name = req.get_param("name", default="").strip()
        resp.content_type = falcon.MEDIA_HTML
        resp.text = content.render_index(self.settings, name)

    # Falcon answers HEAD only where a resource has on_head: the GET responder
    # serves it, and Falcon sends the headers without the body.
    on_head = on_get


class Health:
    """A machine-readable liveness check for load balancers and monitors."""

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        # Falcon's media handling: resp.media is sent as JSON (application/json).
        resp.media = content.HEALTH

    on_head = on_get


class Greeting:
    """A small JSON API: POST ``{"name": "Ada"}``, get ``{"greeting": "Hello, Ada!"}``."""

    @falcon.before(max_body())
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        # req.get_media() parses the body with Falcon's media handler for its
        # Content-Type (JSON here): malformed JSON is answered 400, a type
        # Falcon has no handler for 415.
        resp.media = content.greet(req.get_media())
