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
"""

from repoze.who.api import API, APIFactory, make_registries
from repoze.who.middleware import PluggableAuthenticationMiddleware
from repoze.who.plugins.auth_tkt import AuthTktCookiePlugin
from tg.configurator import AppReadyConfigurationAction
from tg.configurator.components.auth import SimpleAuthenticationConfigurationComponent

__all__ = ["AuthenticationComponent", "LoginCookiePlugin", "VerifiedPluginsAPIFactory"]


class LoginCookiePlugin(AuthTktCookiePlugin):
    """repoze.who's AuthTktCookiePlugin: one cookie, HttpOnly, SameSite=Lax, Secure."""

    def __init__(
        self,
        secret: str,
        cookie_name: str = "authtkt",
        https: bool = False,
        login_handler: str = "/login_handler",
    ) -> None:
        # SHA-512 signs the ticket: repoze.who's default is MD5.
        super().__init__(secret, cookie_name, digest_algo="sha512")
        self.https = https
        self.login_handler = login_handler

    def identify(self, environ):
        # At login only the form's credentials count: a ticket the browser already
        # has (perhaps planted by someone else) is ignored, never kept.
        if environ.get("PATH_INFO") == self.login_handler:
            return None
        return super().identify(environ)

    def remember(self, environ, identity):
        # A login: issue a new ticket, even if the browser has one for the same user.
        if environ.get("PATH_INFO") == self.login_handler:
            environ = {**environ, "HTTP_COOKIE": ""}
        return super().remember(environ, identity)

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
