"""The root controller: where every URL of the application starts.

TurboGears uses *object dispatch*: ``/health`` calls ``RootController.health``,
``/notes`` goes to the ``notes`` attribute, and so on down the path. Only the
methods marked with ``@expose`` can be reached from the web.
"""

from urllib.parse import unquote

from tg import expose, lurl, predicates, redirect, request, require
from tg.exceptions import HTTPFound

from {{ cookiecutter.package_name }} import model
from {{ cookiecutter.package_name }}.controllers.error import ErrorController
from {{ cookiecutter.package_name }}.controllers.notes import NotesController
from {{ cookiecutter.package_name }}.lib.base import BaseController
from {{ cookiecutter.package_name }}.lib.flash import flash

__all__ = ["RootController"]

# The home page's URL; lurl is lazy, so it includes the path the app is mounted at.
HOME = lurl("/")
# The methods of pages that only show something.
READ = ["GET", "HEAD"]


def local_url(came_from) -> str:
    r"""``came_from`` if it is a plain path on this site, else the home page.

    ``came_from`` arrives in the query string, so anyone can write it: a link
    that logs you in and then sends you to their site is an *open redirect*.
    Browsers read "//evil.example" and "/\evil.example" as another site, and drop
    tabs and newlines before reading a URL ("/\t/evil.example"); a newline in a
    header is not even valid HTTP. So only printable ASCII that starts with one
    "/" passes, with no backslash, checked once more after decoding "%5C" and
    friends; anything else goes home.
    """
    if not isinstance(came_from, str):  # ?came_from=a&came_from=b is a list
        return str(HOME)
    decoded = unquote(came_from)
    plain = all("!" <= char <= "~" and char != "\\" for char in came_from)
    if (
        plain
        and came_from.startswith("/")
        and not decoded.startswith(("//", "/\\"))
        and "\\" not in decoded
        and decoded.isprintable()
    ):
        return came_from
    return str(HOME)


class RootController(BaseController):
    """The root of the application: mount the other controllers here."""

    notes = NotesController()
    error = ErrorController()

    # @expose names the template that renders the returned dict; allowed_methods
    # answers any other method with 405 Method Not Allowed and an Allow header.
    @expose("{{ cookiecutter.package_name }}.templates.index", allowed_methods=READ)
    def index(self, name=""):
        """The home page: greets the visitor named in ``?name=``."""
        # Query parameters arrive as keyword arguments (a list when repeated,
        # as in ?name=a&name=b). Kajiki escapes the name when it renders it,
        # so HTML in it stays text.
        if isinstance(name, list):
            name = name[-1]
        return dict(page="index", name=name.strip())

    @expose("json", allowed_methods=READ)
    def health(self):
        """A machine-readable liveness check for load balancers and monitors."""
        return dict(status="ok", framework="turbogears")

    # @require guards a method with a predicate: anonymous visitors are sent
    # to /login, logged-in users without the permission get 403 Forbidden.
    @expose("{{ cookiecutter.package_name }}.templates.manage", allowed_methods=READ)
    @require(predicates.has_permission("manage"))
    def manage(self):
        """A page for users whose groups grant the "manage" permission."""
        users = model.DBSession.query(model.User).order_by(model.User.user_name).all()
        note_count = model.DBSession.query(model.Note).count()
        return dict(page="manage", users=users, note_count=note_count)

    @expose("{{ cookiecutter.package_name }}.templates.login", allowed_methods=READ)
    def login(self, came_from=HOME, login=""):
        """The login form; TurboGears' /login_handler checks what it posts."""
        login_counter = request.environ.get("repoze.who.logins", 0)
        if login_counter > 0:
            flash("Wrong user name or password.", "warning")
        return dict(
            page="login", login_counter=str(login_counter), came_from=came_from, login=login
        )

    @expose()
    def post_login(self, came_from=HOME):
        """Where /login_handler sends the browser: on to ``came_from``, or back to the form."""
        if not request.identity:
            login_counter = request.environ.get("repoze.who.logins", 0) + 1
            redirect("/login", params=dict(came_from=came_from, __logins=login_counter))
        flash(f"Welcome back, {request.identity['repoze.who.userid']}!")
        # came_from already holds the full path: tg.redirect would add the mount point twice.
        return HTTPFound(location=local_url(came_from))

    @expose()
    def post_logout(self, came_from=HOME):
        """Where /logout_handler sends the browser once the login cookie is gone."""
        flash("You are logged out.")
        return HTTPFound(location=local_url(came_from))
