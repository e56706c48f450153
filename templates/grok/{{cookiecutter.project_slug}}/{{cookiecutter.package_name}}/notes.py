"""Notes: models kept in the ZODB, and the page that lists and adds them.

There is no table or migration: a ``grok.Model`` is a persistent Python
object, stored when the transaction of the request commits.
"""

import time
import unicodedata
from datetime import datetime, timezone

import grok
import transaction
from zope import schema
from zope.formlib.interfaces import IInvalidCSRFTokenError
from zope.interface import Interface
from zope.publisher.interfaces.http import IMethodNotAllowed

from .auth import ProtectedForm
from .visible_text import has_visible_character

# The longest note the form accepts (the page says so, and sets maxlength).
MAX_LENGTH = 500


class BlankNote(schema.ValidationError):
    __doc__ = "Write something first: a note cannot be blank."


class ControlCharacters(schema.ValidationError):
    __doc__ = "A note cannot contain control characters."


def valid_note(text: str) -> bool:
    """The schema's constraint: its errors' docstrings are the form's messages."""
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise ControlCharacters(text)
    if not has_visible_character(text):  # see visible_text.py
        raise BlankNote(text)
    return True


class INote(Interface):
    """The schema of a note: zope.formlib builds and validates the form from it."""

    text = schema.TextLine(title="Note", min_length=1, max_length=MAX_LENGTH, constraint=valid_note)


@grok.implementer(INote)
class Note(grok.Model):
    def __init__(self, text):
        super().__init__()
        self.text = text
        self.created = datetime.now(timezone.utc)


class Notes(grok.Container):
    """The notes container, ``/notes``: maps names to ``Note`` objects.

    A grok.Container keeps its items in a BTree. Each note is named by the
    time it was written (in nanoseconds): two requests that add notes at once
    insert different names, which the BTree can merge when both commit (ZODB
    conflict resolution), where a counter stored on the container would be
    changed by both and conflict every time.
    """

    def add(self, note):
        number = time.time_ns()
        while str(number) in self:
            number += 1
        self[str(number)] = note

    def newest_first(self):
        return sorted(self.values(), key=lambda note: note.created, reverse=True)


class Index(ProtectedForm, grok.AddFormPage):
    """``/notes``: the list of notes and a form (grokcore.formlib) to add one.

    ProtectedForm (auth.py): the note is added by a POST only, with a CSRF
    token in a cookie and in a hidden field that must match (and fit the
    visitor's session); a post without them is refused.
    """

    grok.context(Notes)
    form_fields = grok.Fields(INote)
    prefix = ""  # name the input "text", not "form.text"
    max_length = MAX_LENGTH

    def update(self):
        # formlib runs the action whose button name was posted; this form has
        # one action, so any POST (Enter key, script) means "add".
        if self.request.method == "POST":
            self.request.form.setdefault("actions.add", "Add")

    def update_form(self):
        super().update_form()
        if self.errors:
            self.response.setStatus(400)  # refused: the page says why

    @grok.action("Add")
    def add(self, text):
        # Two requests that change the same objects at once: the second to
        # commit gets a ConflictError. The transaction package's attempts
        # run the block again (up to 5 times) on fresh data, so the visitor
        # never sees the conflict. Each attempt commits on its own.
        for attempt in transaction.manager.attempts(5):
            with attempt:
                self.context.add(Note(text.strip()))
        # Post/Redirect/Get: 303 sends the browser back to the list with a GET.
        self.redirect(self.url(self.context), status=303)


class RefusedForm(grok.View):
    """A form post with a missing or wrong CSRF token: 403 Forbidden."""

    grok.context(IInvalidCSRFTokenError)
    grok.name("index")
    grok.require("zope.Public")

    def render(self):
        self.response.setStatus(403)
        return "Forbidden: the form is out of date or was not sent by this site."


class PostOnly(grok.View):
    """A form's action sent in a GET (ProtectedForm.method): 405, nothing changed."""

    grok.context(IMethodNotAllowed)
    grok.name("index")
    grok.require("zope.Public")

    def render(self):
        self.response.setStatus(405)
        self.response.setHeader("Allow", "GET, HEAD, POST")
        return "Method Not Allowed: a form is sent with POST."
