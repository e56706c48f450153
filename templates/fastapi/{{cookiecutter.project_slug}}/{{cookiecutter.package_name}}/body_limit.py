"""A cap on the size of request bodies, as pure ASGI middleware.

uvicorn reads whatever body a client sends, and FastAPI keeps a JSON or form
body in memory to parse it: without a cap, one client could fill the memory.
Bodies over MAX_BODY_SIZE are answered 413 when the app starts to read them; a
request whose body is never read (a GET, a 405) is not held up.
"""

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_SIZE = 1024 * 1024  # 1 MB


def declared_length(scope: Scope) -> int:
    """The request's Content-Length, or 0 (uvicorn refuses one that is not a number)."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


class BodySizeLimitMiddleware:
    """Refuse, with 413, a request body larger than ``max_body_size`` bytes."""

    def __init__(self, app: ASGIApp, max_body_size: int = MAX_BODY_SIZE) -> None:
        self.app = app
        self.max_body_size = max_body_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_size
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            # A body that says it is too large is refused before a byte of it is read;
            # one sent in chunks (no Content-Length) is counted as it arrives.
            if received == 0 and declared_length(scope) > limit:
                raise HTTPException(status_code=413, detail="Request body too large")
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(status_code=413, detail="Request body too large")
            return message

        # FastAPI lets an HTTPException raised while it reads the body through, and
        # answers it like one a path operation raised: a 413 JSON error.
        await self.app(scope, receive_within_limit, send)
