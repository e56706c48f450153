"""Notes: models kept in the ZODB, and the page that lists and adds them.

There is no table or migration: a ``grok.Model`` is a persistent Python
object, stored when the transaction of the request commits.
"""

from datetime import datetime, timezone

import grok
from zope import schema
from zope.formlib.interfaces import IInvalidCSRFTokenError
from zope.interface import Interface


class INote(Interface):
    """The schema of a note: zope.formlib builds and validates the form from it."""

    text = schema.TextLine(title="Note", min_length=1, max_length=500)


@grok.implementer(INote)
class Note(grok.Model):
    def __init__(self, text):
        super().__init__()
        self.text = text
        self.created = datetime.now(timezone.utc)


class Notes(grok.Container):
    """The notes container, ``/notes``: maps names to ``Note`` objects."""

    next_id = 1  # a class default until the first note stores its own

    def add(self, note):
        self[str(self.next_id)] = note
        self.next_id += 1

    def newest_first(self):
        return sorted(self.values(), key=lambda note: note.created, reverse=True)


class Index(grok.AddFormPage):
    """``/notes``: the list of notes and a form (grokcore.formlib) to add one."""

    grok.context(Notes)
    form_fields = grok.Fields(INote)
    prefix = ""  # name the input "text", not "form.text"
    # zope.formlib's CSRF protection: a random token in a cookie and in a
    # hidden field; a POST whose two copies do not match is refused.
    protected = True

    def update(self):
        # formlib runs the action whose button name was posted; this form has
        # one action, so any POST (Enter key, script) means "add".
        if self.request.method == "POST":
            self.request.form.setdefault("actions.add", "Add")

    @grok.action("Add")
    def add(self, text):
        self.context.add(Note(text))
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
