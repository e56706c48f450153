"""The notes: a RestController maps HTTP verbs to methods.

``GET /notes`` calls ``get_all`` and ``POST /notes`` calls ``post``.
"""

from tg import RestController, expose, redirect, request, validate
from tg.decorators import before_validate
from tg.exceptions import HTTPMethodNotAllowed, HTTPSeeOther
from tg.validation import TGValidationError

from {{ cookiecutter.package_name }}.lib.security import require_csrf_token
from {{ cookiecutter.package_name }}.model import DBSession, Note
from {{ cookiecutter.package_name }}.visible_text import has_visible_character

__all__ = ["NotesController"]

# The longest note accepted: the form's maxlength and the column's size.
MAX_LENGTH = Note.text.type.length


class NoteText:
    """Validator of the note's text: any object with ``to_python`` works in @validate.

    It returns the text, stripped, or raises TGValidationError with the message
    the form shows.
    """

    def to_python(self, value, state=None):
        if not isinstance(value, str):  # e.g. text=a&text=b arrives as a list
            raise TGValidationError("Send one note at a time.", value)
        text = value.strip()
        # A note of only invisible characters would be an empty line (visible_text.py).
        if not has_visible_character(text):
            raise TGValidationError("Write something first.", value)
        if len(text) > MAX_LENGTH:
            raise TGValidationError(f"A note has at most {MAX_LENGTH} characters.", value)
        return text


class NotesController(RestController):
    """List the notes and add new ones. Notes need no login."""

    @expose("{{ cookiecutter.package_name }}.templates.notes")
    def get_all(self, text=""):
        """The notes, newest first, and the form that adds one."""
        notes = DBSession.query(Note).order_by(Note.id.desc()).all()
        # After a refused post, request.validation.errors says what was wrong.
        return dict(page="notes", notes=notes, text=text, errors=request.validation.errors)

    # RestController looks for a method named after any verb it does not map
    # itself: HEAD is GET without the body (which TurboGears leaves out).
    head = get_all

    # @validate converts the form's fields before the method runs; when one is
    # refused, TurboGears calls error_handler instead (the list, with the errors).
    # Before that, require_csrf_token refuses a post that lacks the form's token.
    @expose()
    @before_validate(require_csrf_token)
    @validate({"text": NoteText()}, error_handler=get_all)
    def post(self, text):
        """Save a note, then redirect (303 See Other) so a reload does not post it twice."""
        DBSession.add(Note(text=text))
        # No commit here: the transaction manager commits when the request succeeds.
        redirect("/notes", redirect_with=HTTPSeeOther)

    # PUT, PATCH and DELETE are not offered: allowed_methods answers them with
    # 405 Method Not Allowed, whose Allow header names the methods that are.
    @expose(allowed_methods=["GET", "HEAD", "POST"])
    def put(self, *args, **kwargs):
        """Reached only by a POST that names another method in ``_method`` (which
        RestController honours): lib/security.py refuses those, and so does this."""
        raise HTTPMethodNotAllowed(headers={"Allow": "GET, HEAD, POST"})

    patch = delete = put
