"""The views: what Zope publishes at /, /health, /notes and /static.

Zope publishes objects, not routes: it walks the URL from the root object
(the Zope application in the ZODB), one name at a time. A *view* is a class
registered in configure.zcml under a name for a kind of object (here the root,
``IApplication``); Zope looks it up when the object has no item of that name.
"""

import json

from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.traversing.namespace import getResource

from . import PROJECT_NAME, csrf
from .notes import MAX_LENGTH
from .visible_text import has_visible_character


class Page(BrowserView):
    """Base class of the HTML pages: the shared layout and the project name."""

    # Zope Page Templates (TAL) are HTML with attributes that fill it in;
    # tal:content and tal:attributes escape what they insert.
    layout = ViewPageTemplateFile("templates/layout.pt")
    project_name = PROJECT_NAME

    def site_url(self) -> str:
        # absolute_url() follows the request (host, virtual hosting), so
        # links stay right behind a proxy.
        return self.context.absolute_url()


class Index(Page):
    """The home page (``/``): greets the visitor named in ``?name=``."""

    template = ViewPageTemplateFile("templates/index.pt")

    def __call__(self):
        # request.form holds the query string and the posted form fields.
        name = self.request.form.get("name", "")
        self.name = name.strip() if isinstance(name, str) else ""
        self.greeted = self.name or "world"
        return self.template()


class Health(BrowserView):
    """A machine-readable liveness check for load balancers and monitors."""

    def __call__(self):
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps({"status": "ok", "framework": "zope"})


class Notes(Page):
    """List the notes (GET) and add one (POST) at ``/notes``.

    Anyone may add a note, on purpose, but only through this site's own form:
    the post must carry the form's CSRF token (see csrf.py).
    """

    template = ViewPageTemplateFile("templates/notes.pt")
    max_length = MAX_LENGTH

    def __call__(self):
        self.error = ""
        self.text = ""
        if self.request.method == "POST":
            if not csrf.is_valid(self.request):
                self.request.response.setStatus(403)
                self.error = "The form was out of date or not sent by this site: please try again."
                return self.template()
            text = self.request.form.get("text", "")
            # One text field, so anything else (a list from ?text=a&text=b,
            # a record) is refused like a blank note.
            text = text.strip() if isinstance(text, str) else ""
            # Blank is also a note of only invisible characters (zero-width
            # spaces, fillers): it would show as an empty line in the list.
            if not has_visible_character(text) or "\x00" in text:
                self.error = "Write something first: a note cannot be blank."
            elif len(text) > MAX_LENGTH:
                self.error = f"A note has at most {MAX_LENGTH} characters."
                self.text = text[:MAX_LENGTH]
            if self.error:
                self.request.response.setStatus(400)
                return self.template()
            self.board().add(text)
            # Zope commits the transaction when the request ends, so the
            # note is saved before the browser follows this redirect.
            # 303 See Other: fetch the list with GET, do not post again.
            return self.request.response.redirect(f"{self.site_url()}/notes", status=303)
        return self.template()

    def csrf_token(self) -> str:
        return csrf.token_for(self.request)

    def board(self):
        # Created by `python -m {{ cookiecutter.package_name }} migrate` (startup.py).
        return self.context._notes

    def notes(self):
        return self.board().newest_first()


def static_folder(context, request):
    """``/static``: the package's static/ folder.

    configure.zcml registers the folder as a *resource directory*, which Zope
    serves at ``/++resource++{{ cookiecutter.package_name }}/``; this view makes the same
    files answer at ``/static/`` too. A resource only serves files inside its
    folder, and Zope drops ``..`` from URLs before it walks them.
    """
    return getResource(context, "{{ cookiecutter.package_name }}", request)
