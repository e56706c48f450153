"""The login cookie: repoze.who's signed ``authtkt`` cookie, with safe flags.

TurboGears remembers a logged-in user in an ``auth_tkt`` ticket (user name and
time, signed with the secret). repoze.who's plugin sends it three times (for the
host, ``Domain=host`` and ``Domain=.host``) and marks it HttpOnly only together
with Secure; this subclass sends it once, host-only, always HttpOnly and
SameSite=Lax, Secure when the site is served over HTTPS, and issues a fresh
ticket at every login, ignoring the one the browser had (OWASP: renew the
session at login, so a planted cookie cannot fix whose session it is).
"""

from repoze.who.plugins.auth_tkt import AuthTktCookiePlugin

__all__ = ["LoginCookiePlugin"]


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
