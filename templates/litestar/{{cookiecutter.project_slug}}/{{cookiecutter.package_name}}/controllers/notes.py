"""The notes: a list anyone can read, and a form anyone can post a note with."""

import unicodedata
from dataclasses import dataclass
from typing import Annotated

from litestar import Controller, Request, post, route
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import NOTE_MAX_LENGTH, Note
from ..visible_text import has_visible_character
from . import GET_HEAD

# The newest notes the page lists.
LISTED = 100


@dataclass
class NoteForm:
    """The fields the note form posts; Litestar reads them from the urlencoded body."""

    text: str = ""


def note_problem(text: str) -> str:
    """Why ``text`` cannot be a note, or "" when it can."""
    if not has_visible_character(text):
        return "Write something to post (spaces and invisible characters do not count)."
    if len(text) > NOTE_MAX_LENGTH:
        return f"A note has at most {NOTE_MAX_LENGTH} characters."
    # NUL and other control characters: PostgreSQL refuses NUL, and no one types them.
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text):
        return "A note cannot hold control characters."
    return ""


class NotesController(Controller):
    """/notes: GET (and HEAD) lists the notes, POST adds one; other methods answer 405."""

    path = "/notes"

    async def page(
        self, db_session: AsyncSession, text: str = "", error: str = "", status_code: int = 200
    ) -> Template:
        notes = await db_session.scalars(select(Note).order_by(Note.id.desc()).limit(LISTED))
        context = {"notes": list(notes), "text": text, "error": error, "limit": NOTE_MAX_LENGTH}
        return Template("notes.html", context=context, status_code=status_code)

    @route("/", http_method=GET_HEAD, name="notes")
    async def list_notes(self, db_session: NamedDependency[AsyncSession]) -> Template:
        """The notes page: the newest notes and the form."""
        # db_session is given by the SQLAlchemyPlugin: a session for this request only
        # (NamedDependency marks it as provided, not read from the request).
        return await self.page(db_session)

    @post("/", status_code=303)
    async def create_note(
        self,
        request: Request,
        db_session: NamedDependency[AsyncSession],
        data: Annotated[NoteForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
    ) -> Template | Redirect:
        """Add a note, then redirect to the list (303: the browser GETs it)."""
        # The CSRF middleware (CSRFConfig in app.py) has already refused this POST
        # unless the form's _csrf_token matched this browser's CSRF cookie.
        text = data.text.strip()
        problem = note_problem(text)
        if problem:
            # The form again, with the message and what was typed: nothing was saved.
            return await self.page(db_session, data.text, problem, status_code=400)
        db_session.add(Note(text=text))
        # The plugin commits after this 303 (its "autocommit" before_send handler).
        return Redirect(path=request.app.route_reverse("notes"), status_code=303)
