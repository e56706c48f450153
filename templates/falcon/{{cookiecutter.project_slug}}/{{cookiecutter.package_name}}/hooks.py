"""Hooks: functions Falcon runs before a responder, attached with ``@falcon.before``.

Falcon reads a request body only when a responder asks for it
(``req.get_media()``), and sets no limit on its size: without a cap, one client
could fill the memory. ``max_body`` is the hook of Falcon's own examples: a
body over the limit is answered 413 before the responder reads a byte of it.
"""

import falcon

MAX_BODY_SIZE = 1024 * 1024  # 1 MB


def refuse_large_body(req: falcon.Request, limit: int) -> None:
    """Raise 413 for a body over ``limit`` bytes, 411 for one that does not say its size."""
    # A Content-Length that is not a number is answered 400 by Falcon here.
    length = req.content_length
    if length is None:
        # A body sent in chunks says its size only at its end: the ASGI app would
        # read it whole before knowing. Ask the client to say it first.
        if req.get_header("Transfer-Encoding"):
            raise falcon.HTTPLengthRequired(
                title="Length required",
                description="Send the request body with a Content-Length header.",
            )
    elif length > limit:
        raise falcon.HTTPContentTooLarge(
            title="Request body too large",
            description=f"The request body must not exceed {limit} bytes.",
        )


def max_body(limit: int = MAX_BODY_SIZE):
    """A hook for a WSGI responder: ``@falcon.before(max_body())``."""

    def hook(req, resp, resource, params):
        refuse_large_body(req, limit)

    return hook


def max_body_async(limit: int = MAX_BODY_SIZE):
    """The same hook for an ASGI responder: falcon.asgi.App awaits its hooks."""

    async def hook(req, resp, resource, params):
        refuse_large_body(req, limit)

    return hook
