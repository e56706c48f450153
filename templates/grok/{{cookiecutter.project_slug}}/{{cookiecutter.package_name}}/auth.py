"""Log in as the site's administrator, with zope.pluggableauth and zope.session.

Grok has no admin UI or user database of its own. The Zope Toolkit's
*pluggable authentication utility* (PAU), installed in the application by
``App`` in app.py, asks two kinds of plugins who is making a request:

- a credentials plugin reads them: here, the login form's fields on the one
  request that posts them, and afterwards the principal kept in the session;
- an authenticator plugin checks them: here, one ``admin`` account whose
  password (a salted hash) is set by ``python -m {{ cookiecutter.package_name }} create-admin``.

A page that needs a permission the visitor lacks answers with a redirect to
``/@@login``. The session is named by a cookie signed with $GROK_SECRET_KEY
(``SessionCookie``) and its data lives in the ZODB, so every worker process
sees it. Logging in starts a new session: a cookie that someone planted
before the login never becomes a logged-in one (session fixation).
"""

import hashlib
import hmac
import os
import secrets

import grok
from zope import schema
from zope.authentication.interfaces import IUnauthenticatedPrincipal
from zope.component import getUtility
from zope.interface import Interface
from zope.pluggableauth.factories import PrincipalInfo
from zope.pluggableauth.interfaces import IAuthenticatorPlugin, ICredentialsPlugin
from zope.pluggableauth.plugins.session import SessionCredentialsPlugin
from zope.publisher.interfaces.http import IHTTPRequest
from zope.session.http import CookieClientIdManager
from zope.session.interfaces import IClientIdManager, ISession

ADMIN_LOGIN = "admin"
ADMIN_ROLE = "{{ cookiecutter.package_name }}.Administrator"
# The key of this package's data in a visitor's session.
SESSION_KEY = "{{ cookiecutter.package_name }}.auth"


class ManageSite(grok.Permission):
    """The permission the admin page requires."""

    grok.name("{{ cookiecutter.package_name }}.ManageSite")


class Administrator(grok.Role):
    """A role bundles permissions; app.py gives it to the admin account."""

    grok.name(ADMIN_ROLE)
    grok.permissions(ManageSite)


def setup_authentication(pau):
    """Called once, when the application installs its PAU."""
    pau.credentialsPlugins = ("login-form",)
    pau.authenticatorPlugins = ("admin-account",)


def https() -> bool:
    """GROK_HTTPS=1 when the site is served over HTTPS: cookies get Secure."""
    return os.environ.get("GROK_HTTPS") == "1"


def secure_cookie(request, name: str) -> None:
    """Add SameSite=Lax, and Secure behind HTTPS, to a cookie this response sets.

    Lax: the browser leaves the cookie off posts that come from other sites.
    """
    cookie = request.response.getCookie(name)
    if cookie is not None:
        cookie["samesite"] = "Lax"
        if https():
            cookie["secure"] = True


class SessionCookie(CookieClientIdManager):
    """zope.session's cookie, named ``session``, HttpOnly and SameSite=Lax.

    Its value is a random id signed with $GROK_SECRET_KEY, so a visitor
    cannot make up the id of someone else's session.
    """

    namespace = "session"
    httpOnly = True  # page scripts cannot read it

    def __init__(self):
        super().__init__(namespace="session")

    @property
    def secret(self) -> str:
        return os.environ["GROK_SECRET_KEY"]

    @secret.setter
    def secret(self, value) -> None:
        pass  # the secret comes from the environment, never from the database

    @property
    def secure(self) -> bool:
        return https()

    def setRequestId(self, request, id):
        super().setRequestId(request, id)
        secure_cookie(request, self.namespace)


def start_session(request, principal_id: str) -> None:
    """Log the principal in: a new session, with a new id, holds its id."""
    manager = getUtility(IClientIdManager)
    if manager.getRequestId(request) is not None:
        ISession(request)[SESSION_KEY].clear()  # forget the old session's data
    manager.setRequestId(request, manager.generateUniqueId())
    ISession(request)[SESSION_KEY]["principal"] = principal_id


class LoginFormCredentials(grok.GlobalUtility, SessionCredentialsPlugin):
    """Credentials from the login form's fields, else from the session."""

    grok.provides(ICredentialsPlugin)
    grok.name("login-form")
    loginpagename = "login"  # where a challenge redirects to

    def extractCredentials(self, request):
        """The posted ``login`` and ``password``, else the session's principal.

        A request without a session cookie has no session to read: it is
        answered as anonymous without starting one, so pages such as /health
        cost no session and send no cookie.
        """
        if not IHTTPRequest.providedBy(request):
            return None
        if request.method == "POST":
            login, password = request.get(self.loginfield), request.get(self.passwordfield)
            if isinstance(login, str) and isinstance(password, str):
                return {"login": login, "password": password}
        if getUtility(IClientIdManager).getRequestId(request) is None:
            return None
        principal = ISession(request).get(SESSION_KEY, {}).get("principal")
        return {"principal": principal} if principal else None

    def logout(self, request):
        if getUtility(IClientIdManager).getRequestId(request) is not None:
            ISession(request)[SESSION_KEY].clear()
        return True


def hash_password(password: str) -> str:
    """A salted, slow hash (PBKDF2-SHA256, as OWASP advises): never the password."""
    salt = secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), 600_000)
    return f"pbkdf2_sha256${salt}${digest.hex()}"


def check_password(password: str, hashed: str | None) -> bool:
    if not hashed:
        return False
    _, salt, digest = hashed.split("$")
    given = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), 600_000)
    return hmac.compare_digest(given.hex(), digest)


@grok.implementer(IAuthenticatorPlugin)
class AdminAccount(grok.GlobalUtility):
    """The one account: ``admin``, with the password ``create-admin`` set."""

    grok.provides(IAuthenticatorPlugin)
    grok.name("admin-account")

    def authenticateCredentials(self, credentials):
        if not credentials:
            return None
        if credentials.get("principal") == ADMIN_LOGIN:
            return self.principalInfo(ADMIN_LOGIN)
        if credentials.get("login") != ADMIN_LOGIN:
            return None
        app = grok.getApplication()
        if check_password(credentials.get("password", ""), app.admin_password_hash):
            return self.principalInfo(ADMIN_LOGIN)
        return None

    def principalInfo(self, id):
        if id == ADMIN_LOGIN:
            return PrincipalInfo(ADMIN_LOGIN, ADMIN_LOGIN, "Administrator", "")
        return None


class ILogin(Interface):
    """The login form's fields."""

    login = schema.TextLine(title="User name", max_length=100)
    password = schema.Password(title="Password", max_length=200)


class Login(grok.FormPage):
    """``/login``: the form. zope.formlib's CSRF token refuses posts from other sites."""

    grok.context(grok.IApplication)
    grok.require("zope.Public")
    form_fields = grok.Fields(ILogin)
    prefix = ""  # name the inputs "login" and "password", as the credentials plugin reads them
    protected = True  # the CSRF token: see notes.Index

    def update(self, camefrom=""):
        self.failed = False
        # Only ever return to a page of this site.
        camefrom = camefrom if isinstance(camefrom, str) else ""
        self.camefrom = camefrom if camefrom.startswith(self.application_url() + "/") else ""
        if self.request.method == "POST":
            self.request.form.setdefault("actions.login", "Log in")

    def setUpToken(self):
        super().setUpToken()
        secure_cookie(self.request, "__csrftoken__")

    @grok.action("Log in", name="login")
    def log_in(self, **data):
        # The credentials plugin has already checked the posted password.
        principal = self.request.principal
        if IUnauthenticatedPrincipal.providedBy(principal):
            self.failed = True
            return
        start_session(self.request, principal.id)
        self.redirect(self.camefrom or self.application_url() + "/admin", status=303)


class Logout(grok.FormPage):
    """``/logout``: a form, since logging out changes state (and so is a POST)."""

    grok.context(grok.IApplication)
    grok.require("zope.Public")
    form_fields = grok.Fields()
    prefix = ""
    protected = True

    def update(self):
        if self.request.method == "POST":
            self.request.form.setdefault("actions.logout", "Log out")

    def setUpToken(self):
        super().setUpToken()
        secure_cookie(self.request, "__csrftoken__")

    @grok.action("Log out", name="logout")
    def log_out(self, **data):
        getUtility(ICredentialsPlugin, "login-form").logout(self.request)
        self.redirect(self.application_url(), status=303)
