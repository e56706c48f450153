"""The HTML pages, rendered with Jinja2."""

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..dependencies import SettingsDep

# An APIRouter groups path operations; main.py adds them to the app with include_router.
# HTML pages are not part of the JSON API, so the OpenAPI schema leaves them out.
router = APIRouter(include_in_schema=False)
# Jinja2 autoescapes every .html template: a value's HTML is shown as text, never run.
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")


# FastAPI answers only the methods a path operation names: HEAD (GET without the
# body, for link checkers and monitors) needs its own decorator. Decorators apply
# from the bottom up, so GET is registered first, and a 405 answer says "Allow: GET".
@router.head("/", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
async def index(request: Request, settings: SettingsDep, name: str = "") -> HTMLResponse:
    """The home page: greets the visitor named in ``?name=``."""
    # A type-hinted parameter that is not in the path is read from the query string.
    return templates.TemplateResponse(
        request, "index.html", {"project_name": settings.project_name, "name": name.strip()}
    )
