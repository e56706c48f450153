"""GET /notes lists the notes; POST /notes adds one from the form, then redirects (303)."""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from sqlalchemy import select

from .. import models
from ..visible_text import has_visible_character

# The newest notes shown on the page.
SHOWN = 100
TEMPLATE = "{{ cookiecutter.package_name }}:templates/notes.jinja2"


def page(request, text="", error=""):
    """What the notes template shows: the newest notes, and the form's text and message."""
    query = select(models.Note).order_by(models.Note.id.desc()).limit(SHOWN)
    notes = request.dbsession.scalars(query).all()
    return {"notes": notes, "text": text, "error": error, "limit": models.NOTE_LIMIT}


def note_error(text: str) -> str:
    """Why ``text`` cannot be a note ("" when it can)."""
    if not has_visible_character(text):
        return "Write something first."
    if len(text) > models.NOTE_LIMIT:
        return f"A note has at most {models.NOTE_LIMIT} characters."
    if any(ord(c) < 32 and c not in "\t\n" for c in text):
        return "A note cannot hold control characters."
    return ""


@view_config(route_name="notes", request_method="GET", renderer=TEMPLATE)
def list_notes(request):
    return page(request)


# Pyramid checked the form's CSRF token before this runs (security.py).
@view_config(route_name="notes", request_method="POST", renderer=TEMPLATE)
def add_note(request):
    # A browser sends a new line of a textarea as "\r\n": count it as one character.
    text = request.POST.get("text", "").replace("\r\n", "\n")
    error = note_error(text)
    if error:
        # The form again, with its message and what was typed: 400, nothing saved.
        request.response.status = 400
        return page(request, text, error)
    request.dbsession.add(models.Note(text=text))
    # 303: the browser follows with a GET, so reloading the page does not post again.
    return HTTPSeeOther(location=request.route_url("notes"))
