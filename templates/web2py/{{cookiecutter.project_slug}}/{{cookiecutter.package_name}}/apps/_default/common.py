"""Fixtures: the objects an action declares with ``@action.uses(...)``.

In web2py, ``db``, ``session`` and ``auth`` were globals that every request
got. In py4web they are *fixtures*: an action lists the ones it needs, and
py4web sets each up before the action runs and finishes it afterwards (the DAL
commits the transaction, or rolls it back on error; the session is saved).
"""

from urllib.parse import urlsplit

from py4web import DAL, HTTP, Field, Session, request
from py4web.core import Fixture
from py4web.utils.auth import Auth
from py4web.utils.factories import Inject
from pydal.migrator import InDBMigrator

from . import settings

# The database connection: pydal, the DAL of web2py, now a package of its own.
# migrate is off except in the migrate command (see settings.py). pydal keeps
# notes of each table it created (what web2py wrote to databases/*.table);
# InDBMigrator keeps them in the database itself (table web2py_filesystem), so
# that they travel with it: a new machine or container migrates the same way.
# table_hash names them after the app rather than after DATABASE_URL, so a new
# password or host name for the same database keeps them too.
db = DAL(
    settings.DB_URI,
    folder=settings.DB_FOLDER,
    pool_size=settings.DB_POOL_SIZE,
    migrate=settings.DB_MIGRATE,
    adapter_args=dict(migrator=InDBMigrator),
    table_hash="_default",
)

# The session lives in a signed, encrypted cookie: HttpOnly and SameSite=Lax
# (py4web's defaults), Secure over HTTPS. Logging in writes a new cookie with a
# new session id, so a cookie planted before the login grants nothing after it.
# Logging out cannot take back a cookie copied before it: see LogoutAwareAuth.
session = Session(secret=settings.SESSION_SECRET_KEY, same_site="Lax")


class SameOrigin(Fixture):
    """Refuse a state-changing request that another site made the browser send.

    Cross-site request forgery: a page on another site can make your browser post
    a form here, and the browser adds this site's cookies. But it also names the
    page's site in the Origin header (older browsers: only in Referer), which that
    page cannot change. So a POST whose Origin is not this host is refused, as
    OWASP's CSRF cheat sheet describes. The notes form carries py4web's own signed
    _formkey instead; Auth's login page does not verify its key, hence this check.
    """

    def on_request(self, context):
        if request.method in {"GET", "HEAD", "OPTIONS"}:
            return
        source = request.headers.get("Origin") or request.headers.get("Referer") or ""
        if urlsplit(source).netloc != request.urlparts.netloc:
            raise HTTP(403, "This form was not sent by this site: reload it and retry.")


same_origin = SameOrigin()


class LogoutAwareAuth(Auth):
    """py4web's Auth, whose logout also ends, on the server, the sessions it opened.

    The session is a signed cookie that the server does not keep: clearing it at
    logout clears this browser's copy only, and a copy taken before (from a shared
    computer, a stolen backup, a proxy's log) would stay logged in. So each account
    counts its logouts in auth_user.logout_count. Logging in writes the count into
    the session; every request that uses Auth compares it with the database, and
    a session whose count is behind is logged out. ``logout()`` adds one: every
    session of the account opened before it, in any browser, ends.
    """

    def store_user_in_session(self, user_id):
        super().store_user_in_session(user_id)
        self.session["user"] = {"id": user_id, "logout_count": self._logout_count(user_id)}

    def on_request(self, context):
        super().on_request(context)
        user = self.session.get("user")
        if user and user.get("logout_count") != self._logout_count(user.get("id")):
            del self.session["user"]

    def logout(self):
        """End every session of the logged-in account, this one included."""
        if self.user_id:
            # One UPDATE, done by the database: two logouts at once both count.
            # (An account older than the column has NULL there: it counts as 0.)
            count = self.db.auth_user.logout_count
            self.db(self.db.auth_user.id == self.user_id).update(
                logout_count=count.coalesce_zero() + 1
            )
        self.session.clear()

    def _logout_count(self, user_id):
        """The account's count of logouts; None for an account that is gone."""
        user = self.db.auth_user(user_id) if user_id else None
        return (user.logout_count or 0) if user else None


# Auth defines the auth_user table and the pages under /auth/ (login, register,
# profile...). This starter sends no email, so new accounts need no verification.
# Logout is not among Auth's pages here: Auth answers it on GET too, which a link
# on any site could trigger, so controllers.py serves it as a POST-only action.
auth = LogoutAwareAuth(
    session,
    db,
    registration_requires_confirmation=False,
    # Hidden from the profile form: Auth shows readable, writable fields.
    extra_fields=[
        Field("logout_count", "integer", default=0, readable=False, writable=False),
    ],
)
auth.param.allowed_actions = ["login", "register", "profile", "change_password"]

# Puts the project's name into every page the layout renders.
inject = Inject(project_name=settings.PROJECT_NAME)

# Expose Auth's pages, rendered with templates/auth.html, each behind the origin
# check. allow_api_routes=False leaves out Auth's JSON API (/auth/api/...), which
# takes logins and registrations with no CSRF check; the pages do not need it.
auth.enable(uses=(session, db, inject, same_origin), allow_api_routes=False)
