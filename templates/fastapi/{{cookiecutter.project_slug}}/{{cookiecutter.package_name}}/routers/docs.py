"""FastAPI's interactive API docs (Swagger UI), served only in debug mode.

Swagger UI runs scripts and styles from a CDN and starts with one inline
script, all of which the starter's Content-Security-Policy ("default-src 'self'")
blocks. So main.py serves /docs only when APP_DEBUG is on (FastAPI's
"Conditional OpenAPI"), and this page sends a policy of its own: scripts from the
CDN and that one inline script by its hash, nothing else. Swagger UI also sets
inline styles, so styles may be inline here (styles cannot run code). A header
a route sets itself wins over the app's default (see security_headers.py).
"""

import base64
import hashlib
import re

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

CDN = "https://cdn.jsdelivr.net"  # where get_swagger_ui_html loads Swagger UI from
FAVICON = "https://fastapi.tiangolo.com"  # and its favicon
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def docs_policy(page: bytes) -> str:
    """A Content-Security-Policy that lets ``page``, and only it, run as Swagger UI."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in INLINE_SCRIPT.findall(page)
    )
    return (
        f"default-src 'self'; script-src 'self' {CDN} {hashes}; "
        f"style-src 'self' {CDN} 'unsafe-inline'; "
        f"img-src 'self' data: {FAVICON}; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


@router.head("/docs")  # HEAD: see routers/pages.py
@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    """The API docs page; it reads the schema from the app's openapi_url."""
    page = get_swagger_ui_html(
        openapi_url=request.app.openapi_url, title=f"{request.app.title}: API docs"
    )
    page.headers["Content-Security-Policy"] = docs_policy(page.body)
    return page
