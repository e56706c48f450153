"""The login cookie, and repoze.who's plugins checked once instead of per request.

TurboGears remembers a logged-in user in an ``auth_tkt`` ticket (user name and
time, signed with the secret). repoze.who's plugin sends it three times (for the
host, ``Domain=host`` and ``Domain=.host``) and marks it HttpOnly only together
with Secure; this subclass sends it once, host-only, always HttpOnly and
SameSite=Lax, Secure when the site is served over HTTPS, and issues a fresh
ticket at every login, ignoring the one the browser had (OWASP: renew the
session at login, so a planted cookie cannot fix whose session it is).

repoze.who's middleware builds an ``API`` object for every request, and that
re-verifies each plugin against its interfaces (zope.interface's verifyObject):
about a third of the time of a request for /health. The plugins do not change
once the app is built, so ``AuthenticationComponent`` (app_cfg.py installs it in
place of TurboGears' own) has them verified once, at start, and every request
shares the result.

A signed ticket alone cannot be taken back: a copy made before logging out
would still work until it expires. So each login is also kept on the server, a
``LoginSession`` row (model/auth.py) whose random id the ticket carries: a
request counts as logged in only while that row exists
(``ApplicationAuthMetadata.get_user`` in config/app_cfg.py checks it), and
logging out deletes it. The ticket also expires after ``SESSION_TIMEOUT`` without
a request (repoze.who's ``timeout``, renewed every ``REISSUE_TIME`` while the user
is active), and a login lasts ``SESSION_LIFETIME`` at most.
"""

import secrets
from datetime import datetime, timedelta, timezone

from repoze.who.api import API, APIFactory, make_registries
from repoze.who.middleware import PluggableAuthenticationMiddleware
from repoze.who.plugins.auth_tkt import AuthTktCookiePlugin
from sqlalchemy.orm import Session
from tg.configurator import AppReadyConfigurationAction
from tg.configurator.components.auth import SimpleAuthenticationConfigurationComponent

from {{ cookiecutter.package_name }} import model

__all__ = [
    "SESSION_LIFETIME",
    "SESSION_TIMEOUT",
    "AuthenticationComponent",
    "LoginCookiePlugin",
    "VerifiedPluginsAPIFactory",
    "login_session_is_open",
]

# A login ends after an hour without a request (OWASP suggests minutes to hours
# of idle time), and after twelve hours in any case.
SESSION_TIMEOUT = 60 * 60
SESSION_LIFETIME = timedelta(hours=12)
# While the user is active, the ticket is renewed this often (it carries its time).
REISSUE_TIME = 5 * 60


def _utcnow() -> datetime:
    # Naive UTC, as the DateTime column stores it: the same on every server.
    return datetime.now(timezone.utc).replace(tzinfo=None)


def open_login_session(user_name: str) -> str | None:
    """Record a new login of ``user_name`` on the server; return its id (None: no such user).

    It runs in repoze.who, before and outside TurboGears' transaction manager,
    so it uses a session of its own that commits when the block ends. Logins
    past their lifetime are deleted on the way.
    """
    with Session(model.DBSession.get_bind()) as session, session.begin():
        user = session.query(model.User).filter_by(user_name=user_name).one_or_none()
        if user is None:
            return None
        now = _utcnow()
        stale = model.LoginSession.created < now - SESSION_LIFETIME
        session.query(model.LoginSession).filter(stale).delete(synchronize_session=False)
        session_id = secrets.token_hex(32)
        session.add(model.LoginSession(session_id=session_id, user_id=user.user_id, created=now))
    return session_id


def close_login_session(session_id: str) -> None:
    """Forget a login on the server: its ticket no longer logs anyone in."""
    with Session(model.DBSession.get_bind()) as session, session.begin():
        session.query(model.LoginSession).filter_by(session_id=session_id).delete()


def login_session_is_open(identity: dict, user) -> bool:
    """True if the ticket of ``identity`` names a login of ``user`` that has not ended.

    Called inside TurboGears' request, so it reads with the request's DBSession.
    """
    session_id = _session_id(identity.get("tokens", ()))
    if not session_id:
        return False
    login = model.DBSession.get(model.LoginSession, session_id)
    return (
        login is not None
        and login.user_id == user.user_id
        and login.created >= _utcnow() - SESSION_LIFETIME
    )


def _session_id(tokens) -> str:
    """The login's id among a ticket's tokens ("" if it has none)."""
    return next((token for token in tokens if len(token) == 64), "")


class LoginCookiePlugin(AuthTktCookiePlugin):
    """repoze.who's AuthTktCookiePlugin: one cookie, HttpOnly, SameSite=Lax, Secure."""

    def __init__(
        self,
        secret: str,
        cookie_name: str = "authtkt",
        https: bool = False,
        login_handler: str = "/login_handler",
    ) -> None:
        # SHA-512 signs the ticket: repoze.who's default is MD5. The ticket expires
        # after SESSION_TIMEOUT without a request; an active user's is renewed.
        super().__init__(
            secret,
            cookie_name,
            timeout=SESSION_TIMEOUT,
            reissue_time=REISSUE_TIME,
            digest_algo="sha512",
        )
        self.https = https
        self.login_handler = login_handler

    def identify(self, environ):
        # At login only the form's credentials count: a ticket the browser already
        # has (perhaps planted by someone else) is ignored, never kept.
        if environ.get("PATH_INFO") == self.login_handler:
            return None
        return super().identify(environ)

    def remember(self, environ, identity):
        # A login: issue a new ticket, even if the browser has one for the same user,
        # naming a new login session recorded on the server.
        if environ.get("PATH_INFO") == self.login_handler:
            session_id = open_login_session(identity["repoze.who.userid"])
            if session_id is None:
                return None
            identity = {**identity, "tokens": (session_id,)}
            environ = {**environ, "HTTP_COOKIE": ""}
        return super().remember(environ, identity)

    def forget(self, environ, identity):
        # Logging out: end the login on the server too, so that a copy of the
        # ticket (kept before logging out) no longer logs anyone in.
        session_id = _session_id((identity or {}).get("tokens", ()))
        if session_id:
            close_login_session(session_id)
        return super().forget(environ, identity)

    def session_id(self, environ) -> str:
        """The login session the request's ticket names ("" for none): the CSRF
        tokens of lib/security.py are bound to it."""
        # A copy: repoze.who's identify() writes REMOTE_USER_* keys into the environ.
        identity = super().identify(dict(environ))
        return _session_id(identity["tokens"]) if identity else ""

    def _get_cookies(self, environ, value, max_age=None):
        # The parent builds three headers; keep the first (host-only) one and set its flags.
        name, header = super()._get_cookies(environ, value, max_age)[0]
        flags = "; HttpOnly; SameSite=Lax" + ("; Secure" if self.https else "")
        return [(name, header + flags)]


class VerifiedPluginsAPIFactory(APIFactory):
    """repoze.who's APIFactory, with the plugins verified once when it is made.

    A plugin that does not provide its interface raises ValueError here, at
    start, where repoze.who would raise it on the first request.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.interface_registry, self.name_registry = make_registries(
            self.identifiers, self.authenticators, self.challengers, self.mdproviders
        )

    @classmethod
    def like(cls, factory: APIFactory) -> "VerifiedPluginsAPIFactory":
        """A factory with the same plugins and settings as ``factory``."""
        return cls(
            factory.identifiers,
            factory.authenticators,
            factory.challengers,
            factory.mdproviders,
            factory.request_classifier,
            factory.challenge_decider,
            factory.remote_user_key,
            factory.logger,
        )

    def __call__(self, environ):
        api = environ.get("repoze.who.api")
        if api is None:
            api = environ["repoze.who.api"] = VerifiedPluginsAPI(environ, self)
        return api


class VerifiedPluginsAPI(API):
    """repoze.who's per-request API, given the registries its factory verified."""

    def __init__(self, environ, factory: VerifiedPluginsAPIFactory) -> None:
        # What API.__init__ sets, without calling make_registries again. The name
        # registry is copied, as API makes a new one per request (it is exposed
        # as environ["repoze.who.plugins"]).
        self.environ = environ
        self.interface_registry = factory.interface_registry
        self.name_registry = dict(factory.name_registry)
        self.identifiers = factory.identifiers
        self.authenticators = factory.authenticators
        self.challengers = factory.challengers
        self.mdproviders = factory.mdproviders
        self.challenge_decider = factory.challenge_decider
        self.remote_user_key = factory.remote_user_key
        self.logger = factory.logger
        classifier = factory.request_classifier
        self.classification = classifier and classifier(environ)
        if self.logger:
            self.logger.info(f"request classification: {self.classification}")


class AuthenticationComponent(SimpleAuthenticationConfigurationComponent):
    """TurboGears' authentication component, with a VerifiedPluginsAPIFactory.

    TurboGears builds repoze.who's middleware itself; this adds one step after
    that, which gives the middleware a factory that verified the plugins once.
    """

    def get_actions(self):
        return (*super().get_actions(), AppReadyConfigurationAction(self._verify_once))

    def _verify_once(self, conf, app):
        if isinstance(app, PluggableAuthenticationMiddleware):
            app.api_factory = VerifiedPluginsAPIFactory.like(app.api_factory)
        return app
