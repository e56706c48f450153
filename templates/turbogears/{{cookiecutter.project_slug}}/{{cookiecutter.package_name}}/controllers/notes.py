"""The notes: a RestController maps HTTP verbs to methods.

``GET /notes`` calls ``get_all`` and ``POST /notes`` calls ``post``.
"""

from tg import RestController, expose, redirect, request, validate
from tg.exceptions import HTTPSeeOther
from tg.validation import Convert

from {{ cookiecutter.package_name }}.model import DBSession, Note

__all__ = ["NotesController"]


def note_text(value: str) -> str:
    """Validator: the note's text, stripped; raises (so is refused) if it is blank."""
    text = value.strip()
    if not text:
        raise ValueError("empty note")
    return text


class NotesController(RestController):
    """List the notes and add new ones. Notes need no login."""

    @expose("{{ cookiecutter.package_name }}.templates.notes")
    def get_all(self, text=""):
        """The notes, newest first, and the form that adds one."""
        notes = DBSession.query(Note).order_by(Note.id.desc()).all()
        # After a refused post, request.validation.errors says what was wrong.
        return dict(page="notes", notes=notes, text=text, errors=request.validation.errors)

    # @validate converts the form's fields before the method runs; when one is
    # refused, TurboGears calls error_handler instead (the list, with the errors).
    @expose()
    @validate({"text": Convert(note_text, "Write something first.")}, error_handler=get_all)
    def post(self, text):
        """Save a note, then redirect (303 See Other) so a reload does not post it twice."""
        DBSession.add(Note(text=text))
        # No commit here: the transaction manager commits when the request succeeds.
        redirect("/notes", redirect_with=HTTPSeeOther)
