"""The application object, its pages, and how it is published at ``/``.

Grok reads this module at startup ("grokking"): every class below registers
itself by what it subclasses, and a view finds its page template by name,
``Index`` in ``app.py`` -> ``app_templates/index.pt``.
"""

import json

import grok
import transaction
from zope.app.publication.zopepublication import ZopePublication
from zope.authentication.interfaces import IAuthentication
from zope.component import getAdapter
from zope.interface import Interface
from zope.pluggableauth import PluggableAuthentication
from zope.securitypolicy.interfaces import IPrincipalRoleManager
from zope.session.interfaces import IClientIdManager

from . import PROJECT_NAME, auth
from .notes import Notes

# The application is stored in the ZODB's root folder under this name.
APP_NAME = "app"


class App(grok.Application, grok.Container):
    """The application: a persistent container, and the site of everything in it."""

    # A local utility lives in the application's own component registry (and
    # in the ZODB): the first authenticates every request that reaches the
    # app, the second names each visitor's session in a signed cookie.
    grok.local_utility(
        PluggableAuthentication, provides=IAuthentication, setup=auth.setup_authentication
    )
    grok.local_utility(auth.SessionCookie, provides=IClientIdManager)

    # The admin's user name and password, as a salted hash (auth.hash_password),
    # set by `python -m {{ cookiecutter.package_name }} create-admin`; no password until then.
    admin_login = auth.ADMIN_LOGIN
    admin_password_hash = None


@grok.subscribe(App, grok.IApplicationAddedEvent)
def set_up_app(app, event):
    """Give a new application its notes container and its administrator."""
    app["notes"] = Notes()
    IPrincipalRoleManager(app).assignRoleToPrincipal(auth.ADMIN_ROLE, auth.ADMIN_LOGIN)


def set_up_database(database) -> None:
    """What ``migrate`` does: create the application in a new database, once.

    Zope has created its root folder (and the session store) when it opened
    the database; this adds the application to it, unless it is there. Run
    again, it changes nothing.
    """
    connection = database.open()
    try:
        with transaction.manager:
            root_folder = connection.root()[ZopePublication.root_name]
            if APP_NAME not in root_folder:
                grok.create_application(App, root_folder, APP_NAME)
    finally:
        connection.close()


def set_admin_password(database, password: str, login: str = auth.ADMIN_LOGIN) -> None:
    """What ``create-admin`` does: store the admin's user name and hashed password."""
    connection = database.open()
    try:
        with transaction.manager:
            app = connection.root()[ZopePublication.root_name][APP_NAME]
            app.admin_login = login
            app.admin_password_hash = auth.hash_password(password)
    finally:
        connection.close()


# The publisher starts each request at the application (publication.py), so
# it answers at ``/``; it is still stored as ``app`` in the root folder, and
# URLs made from it would start with ``/app``. This hook makes the application
# the root of every URL the site generates (as a ``++vh++`` virtual-host rule
# in a front-end web server would), so links and redirects point to ``/...``.
@grok.subscribe(App, grok.IBeforeTraverseEvent)
def root_urls_at_app(app, event):
    event.request.setVirtualHostRoot()


class Layout(grok.Layout):
    """The page layout (layout.pt) around every ``grok.Page`` of the site."""

    grok.context(Interface)
    project_name = PROJECT_NAME


class Index(grok.Page):
    """The home page, ``/``: greets the visitor named in ``?name=``."""

    def update(self, name=""):
        # Grok passes request parameters to update() by name; a repeated
        # parameter (?name=a&name=b) arrives as a list, and is ignored.
        self.name = name.strip() if isinstance(name, str) else ""


class Admin(grok.Page):
    """``/admin``: only for the administrator; others are sent to log in."""

    grok.require(auth.ManageSite)

    def update(self):
        self.notes = self.context["notes"]
        self.csrftoken = auth.csrf_token(self.request)  # for the logout form


class Health(grok.View):
    """``/health``: a machine-readable liveness check."""

    grok.require("zope.Public")

    def render(self):
        self.response.setHeader("Content-Type", "application/json")
        return json.dumps({"status": "ok", "framework": "grok"})


class BadRequest(grok.View):
    """Input the publisher cannot convert (``?name:int=x``): 400, not a 500.

    A view registered for an exception renders the error page for it.
    """

    grok.context(ValueError)
    grok.name("index")
    grok.require("zope.Public")

    def render(self):
        self.response.setStatus(400)
        return "Bad Request: the request's parameters could not be read."


class Static(grok.DirectoryResource):
    """The files in ``static/``, published as a resource at ``/@@/static/``.

    A resource only serves files inside its directory: ``..`` in a URL never
    leaves it (Zope resolves ``..`` before traversal even starts).
    """

    grok.name("static")
    grok.path("static")


class AppTraverser(grok.Traverser):
    """Custom URL traversal for the application: ``/static`` -> the resource."""

    grok.context(App)

    def traverse(self, name):
        if name == "static":
            return getAdapter(self.request, name="static")
        return None  # anything else: the usual lookup of items, then views
