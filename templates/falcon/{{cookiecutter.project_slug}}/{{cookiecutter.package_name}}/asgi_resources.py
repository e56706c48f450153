"""The resources of the ASGI app: resources.py, with ``async def`` responders.

falcon.asgi.App awaits every responder, hook and middleware method, so each is
a coroutine. A responder that waits on the network (a database, another API)
awaits it, and the event loop serves other requests meanwhile; reading the
request body is such a wait (``await req.get_media()``). Code that waits on
nothing, such as rendering a page, is called as it is.
"""

import falcon
import falcon.asgi

from . import content
from .config import Settings
from .hooks import max_body_async


class Index:
    """The home page: greets the visitor named in ``?name=``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
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

    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        # Falcon's media handling: resp.media is sent as JSON (application/json).
        resp.media = content.HEALTH

    on_head = on_get


class Greeting:
    """A small JSON API: POST ``{"name": "Ada"}``, get ``{"greeting": "Hello, Ada!"}``."""

    @falcon.before(max_body_async())
    async def on_post(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        # The body arrives from the server in messages: awaiting get_media()
        # lets the event loop serve other requests until it has come in.
        resp.media = content.greet(await req.get_media())
