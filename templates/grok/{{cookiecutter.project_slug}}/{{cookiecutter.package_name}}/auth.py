"""Log in as the site's administrator, with zope.pluggableauth and zope.session.

Grok has no admin UI or user database of its own. The Zope Toolkit's
*pluggable authentication utility* (PAU), installed in the application by
``App`` in app.py, asks two kinds of plugins who is making a request:

- a credentials plugin reads them: here, the login form's fields on the one
  request that posts them, and afterwards the principal kept in the session;
- an authenticator plugin checks them: here, one administrator account whose
  user name (``admin`` unless told otherwise) and password (a salted hash)
  are set by ``python -m {{ cookiecutter.package_name }} create-admin``.

A page that needs a permission the visitor lacks answers with a redirect to
``/@@login``. The session is named by a cookie signed with $GROK_SECRET_KEY
(``SessionCookie``) and its data lives in the ZODB, so every worker process
sees it. Logging in starts a new session: a cookie that someone planted
before the login never becomes a logged-in one (session fixation).

Every form of the site (``ProtectedForm``) takes its action from a POST
only, with a CSRF token that is signed with $GROK_SECRET_KEY and bound to
the visitor's session.
"""

import hashlib
import hmac
import os
import secrets

import grok
from zope import schema
from zope.authentication.interfaces import IUnauthenticatedPrincipal
from zope.component import getUtility
from zope.formlib.interfaces import InvalidCSRFTokenError
from zope.interface import Interface
from zope.pluggableauth.factories import PrincipalInfo
from zope.pluggableauth.interfaces import IAuthenticatorPlugin, ICredentialsPlugin
from zope.pluggableauth.plugins.session import SessionCredentialsPlugin
from zope.publisher.interfaces.http import IHTTPRequest
from zope.session.http import CookieClientIdManager
from zope.session.interfaces import IClientIdManager, ISession

# The administrator's principal id, and the user name create-admin gives it by default.
ADMIN_LOGIN = "admin"
ADMIN_ROLE = "{{ cookiecutter.package_name }}.Administrator"
# The key of this package's data in a visitor's session.
SESSION_KEY = "{{ cookiecutter.package_name }}.auth"
# The cookie and the form field that carry the CSRF token (zope.formlib's names).
CSRF_TOKEN = "__csrftoken__"
# PBKDF2 rounds per password hash (OWASP's advice): the slowness is what makes a
# stolen hash costly to guess. The tests lower it (tests/conftest.py), never the app.
PASSWORD_HASH_ROUNDS = 600_000


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


def session_id(request) -> str:
    """The id of the visitor's session, or "" without one (none is started)."""
    return getUtility(IClientIdManager).getRequestId(request) or ""


def token_signature(nonce: str, session: str) -> str:
    secret = os.environ["GROK_SECRET_KEY"].encode()
    return hmac.new(secret, f"{nonce}:{session}".encode(), hashlib.sha256).hexdigest()


def valid_token(token, request) -> bool:
    """Whether ``token`` was made by this site for the request's session."""
    if not isinstance(token, str):
        return False
    nonce, _, signature = token.partition(".")
    expected = token_signature(nonce, session_id(request))
    # Compared as bytes: compare_digest refuses str that are not ASCII.
    return bool(nonce) and hmac.compare_digest(signature.encode(), expected.encode())


def csrf_token(request) -> str:
    """The CSRF token for the forms of this page: the cookie's, or a new one.

    zope.formlib keeps the token in a cookie and a hidden field, and refuses
    a post whose two copies differ (a "double-submit cookie"), which another
    site cannot read. The token here is a random nonce signed with the secret
    and the session's id: one that another visitor was given, one made up, or
    one from before a login does not fit this session, and a new one is issued.
    """
    token = request.getCookies().get(CSRF_TOKEN)
    if valid_token(token, request):
        return token
    response_cookie = request.response.getCookie(CSRF_TOKEN)  # issued earlier in this request
    if response_cookie is not None and valid_token(response_cookie["value"], request):
        return response_cookie["value"]
    nonce = secrets.token_hex(16)
    token = f"{nonce}.{token_signature(nonce, session_id(request))}"
    # HttpOnly: page scripts cannot read it; the page itself carries the field.
    request.response.setCookie(CSRF_TOKEN, token, path="/", httpOnly=True)
    secure_cookie(request, CSRF_TOKEN)
    return token


class ProtectedForm:
    """What every form of the site shares (mixed into a grok form).

    - ``method``: zope.formlib runs an action only for a POST; the same fields
      sent in a GET's query string answer 405, so no link, image or prefetch
      can change anything.
    - ``protected``: zope.formlib checks the CSRF token, with csrf_token()'s
      signed, session-bound token in place of its own.
    """

    method = "POST"
    protected = True

    def setUpToken(self):
        self.csrftoken = csrf_token(self.request)

    def checkToken(self):
        posted = self.request.form.get(CSRF_TOKEN)
        cookie = self.request.getCookies().get(CSRF_TOKEN)
        if not (posted == cookie and valid_token(posted, self.request)):
            raise InvalidCSRFTokenError("Invalid CSRF token")


def hash_password(password: str) -> str:
    """A salted, slow hash (PBKDF2-SHA256, as OWASP advises): never the password."""
    salt = secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac(
        "sha256", password.encode(), bytes.fromhex(salt), PASSWORD_HASH_ROUNDS
    )
    return f"pbkdf2_sha256${salt}${digest.hex()}"


def check_password(password: str, hashed: str | None) -> bool:
    if not hashed:
        return False
    _, salt, digest = hashed.split("$")
    given = hashlib.pbkdf2_hmac(
        "sha256", password.encode(), bytes.fromhex(salt), PASSWORD_HASH_ROUNDS
    )
    return hmac.compare_digest(given.hex(), digest)


@grok.implementer(IAuthenticatorPlugin)
class AdminAccount(grok.GlobalUtility):
    """The one account, with the user name and password ``create-admin`` set."""

    grok.provides(IAuthenticatorPlugin)
    grok.name("admin-account")

    def authenticateCredentials(self, credentials):
        if not credentials:
            return None
        if credentials.get("principal") == ADMIN_LOGIN:
            return self.principalInfo(ADMIN_LOGIN)
        app = grok.getApplication()
        if credentials.get("login") != app.admin_login:
            return None
        if check_password(credentials.get("password", ""), app.admin_password_hash):
            return self.principalInfo(ADMIN_LOGIN)
        return None

    def principalInfo(self, id):
        if id == ADMIN_LOGIN:
            return PrincipalInfo(ADMIN_LOGIN, ADMIN_LOGIN, "Administrator", "")
        return None


def safe_camefrom(camefrom, application_url: str) -> str:
    """The page to return to after login: a page of this site, else "".

    ``camefrom`` is in the login URL, so anyone can write it. Only this
    site's own URLs (or paths) are kept, and only with a path that browsers
    cannot read as another host: ``//evil.example`` and ``/\\evil.example``
    (a backslash counts as a slash) lead elsewhere, and browsers drop tabs
    and newlines from URLs before they read them.
    """
    if not isinstance(camefrom, str):
        return ""
    if camefrom.startswith("/"):
        camefrom = application_url + camefrom
    if not camefrom.startswith(application_url + "/"):
        return ""
    path = camefrom[len(application_url) :]
    if path.startswith("//") or "\\" in path:
        return ""
    if any(char.isspace() or not char.isprintable() for char in path):
        return ""
    return camefrom


class ILogin(Interface):
    """The login form's fields."""

    login = schema.TextLine(title="User name", max_length=100)
    password = schema.Password(title="Password", max_length=200)


class Login(ProtectedForm, grok.FormPage):
    """``/login``: the form; its CSRF token refuses posts from other sites."""

    grok.context(grok.IApplication)
    grok.require("zope.Public")
    form_fields = grok.Fields(ILogin)
    prefix = ""  # name the inputs "login" and "password", as the credentials plugin reads them

    def update(self, camefrom=""):
        self.failed = False
        self.camefrom = safe_camefrom(camefrom, self.application_url())
        if self.request.method == "POST":
            self.request.form.setdefault("actions.login", "Log in")

    @grok.action("Log in", name="login")
    def log_in(self, **data):
        # The credentials plugin has already checked the posted password.
        principal = self.request.principal
        if IUnauthenticatedPrincipal.providedBy(principal):
            self.failed = True
            return
        start_session(self.request, principal.id)
        self.redirect(self.camefrom or self.application_url() + "/admin", status=303)


class Logout(ProtectedForm, grok.FormPage):
    """``/logout``: a form, since logging out changes state (and so is a POST)."""

    grok.context(grok.IApplication)
    grok.require("zope.Public")
    form_fields = grok.Fields()
    prefix = ""

    def update(self):
        if self.request.method == "POST":
            self.request.form.setdefault("actions.logout", "Log out")

    @grok.action("Log out", name="logout")
    def log_out(self, **data):
        getUtility(ICredentialsPlugin, "login-form").logout(self.request)
        self.redirect(self.application_url(), status=303)
