"""The actions: the functions that answer URLs (web2py's controller functions).

``@action("notes")`` maps /notes to a function (in an app other than _default it
would be /<app>/notes); ``@action("index")`` is the app's root, ``/``.
``@action.uses(...)`` names the template that renders the returned dict and the
fixtures the action needs. ``method=`` lists the HTTP methods the URL accepts:
any other gets 405 Method Not Allowed, with an Allow header naming them.
"""

from py4web import HTTP, URL, action, redirect, request
from py4web.utils.form import Form, FormStyleDefault, Widget

from .common import auth, inject, same_origin, session
from .models import NOTE_MAX_LENGTH, db


@action("index", method=["GET"])
@action.uses("index.html", auth, inject)
def index():
    """The home page: greets the visitor named in ``?name=``."""
    # The template escapes [[=name]] when it renders it, so HTML in it stays text.
    name = request.query.get("name", "").strip()
    return dict(name=name)


@action("health", method=["GET"])
def health():
    """A machine-readable liveness check for load balancers and monitors."""
    # An action that returns a dict with no template is answered as JSON.
    return dict(status="ok", framework="web2py")


class NoteWidget(Widget):
    """The note's text box, with the browser-side length limit (maxlength)."""

    def make(self, field, value, error, title, placeholder="", readonly=False):
        control = super().make(field, value, error, title, placeholder, readonly)
        control["_maxlength"] = NOTE_MAX_LENGTH
        return control


# A form style says how Form draws each field; this one draws the note's text
# with NoteWidget and everything else as py4web's default style does.
note_style = FormStyleDefault.clone()
note_style.widgets["text"] = NoteWidget()


@action("notes", method=["GET", "POST"])
@action.uses("notes.html", session, db, auth, inject)
def notes():
    """List the notes and add one from the form, like web2py's SQLFORM."""
    # Form builds the form from the table, validates a POST against the field's
    # validators and inserts the record. It signs a hidden _formkey with a key
    # kept in the session: a POST without a valid one is not accepted.
    form = Form(db.note, csrf_session=session, formstyle=note_style, submit_value="Add note")
    # Post to /notes itself (by default py4web writes the page's URL with its host).
    form.action = URL("notes")
    if form.accepted:
        # 303 See Other: the browser follows with a GET, so a reload does not
        # post the note again.
        redirect(URL("notes"))
    if form.submitted and not form.errors:
        # Posted, not accepted, yet no field error: the form key was missing or
        # forged (a cross-site request, or a session that expired), so refuse it.
        raise HTTP(403, "This form was not sent by this site, or it expired: reload and retry.")
    rows = db(db.note).select(orderby=~db.note.id)
    return dict(form=form, notes=rows)


@action("auth/logout", method=["POST"])
@action.uses(session, db, auth, same_origin)
def logout():
    """Log out: end the account's sessions on the server, then go home.

    Only a POST from this site's own pages logs out (the button in the layout):
    a link or an image on another site cannot sign a visitor out. A copy of the
    session cookie taken before no longer logs anyone in (see common.py).
    """
    auth.logout()
    redirect(URL("index"))
