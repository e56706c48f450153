"""Logging in: password hashes, the server-side session, and the guard of /manage.

Litestar's ``ServerSideSessionConfig`` keeps each session's data in a store (here
a table, through Advanced Alchemy's ``SQLAlchemyStore``, so every worker process
sees it) and gives the browser only a random session ID, in an HttpOnly,
SameSite=Lax cookie. Logging out deletes the session from the store, so a copy
of the cookie opens nothing afterwards. A guard is a function Litestar calls
before a handler; ``requires_login`` refuses visitors who have not logged in.
"""

import hashlib
import hmac
import secrets
import urllib.parse
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers import BaseRouteHandler
from litestar.middleware.session.server_side import (
    ServerSideSessionBackend,
    ServerSideSessionConfig,
)
from litestar.types import Message, ScopeSession

from .config import Settings

SESSION_COOKIE = "session"
# Where the session ID chosen at login waits for the session middleware (see start_session).
NEW_SESSION_ID = "new_session_id"
# A session unused for an hour ends; each visit of a page that needs it renews the hour.
SESSION_MAX_AGE = 3600
# OWASP's recommended PBKDF2-HMAC-SHA256 work factor: slow to guess, hashed off the event loop.
PBKDF2_ITERATIONS = 600_000


def hash_password(password: str) -> str:
    """A salted PBKDF2 hash of ``password``, as "iterations$salt$hash"."""
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)
    return f"{PBKDF2_ITERATIONS}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` is the one ``stored`` was made from (in constant time)."""
    iterations, salt, expected = stored.split("$")
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), int(iterations))
    return hmac.compare_digest(digest.hex(), expected)


class SessionBackend(ServerSideSessionBackend):
    """Litestar's server-side sessions, with a new session ID at every login.

    Litestar keeps the ID a browser already sends. An ID planted in a victim's
    browser before they log in would then be logged in too (session fixation),
    so start_session() chooses a new one, which this backend prefers over the cookie's.
    It also stores nothing for a visitor who has no session: no row, no cookie.
    """

    def get_session_id(self, connection: ASGIConnection) -> str:
        return connection.state.get(NEW_SESSION_ID) or super().get_session_id(connection)

    async def store_in_message(
        self, scope_session: ScopeSession, message: Message, connection: ASGIConnection
    ) -> None:
        if not scope_session and self.config.key not in connection.cookies:
            return
        await super().store_in_message(scope_session, message, connection)


class SessionConfig(ServerSideSessionConfig):
    """``ServerSideSessionConfig`` whose middleware uses `SessionBackend`."""

    _backend_class = SessionBackend


def session_config(settings: Settings) -> SessionConfig:
    """The session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS, an hour idle at most."""
    return SessionConfig(
        key=SESSION_COOKIE,
        store="sessions",  # the name of the store in Litestar(stores=...)
        max_age=SESSION_MAX_AGE,
        renew_on_access=True,
        httponly=True,
        samesite="lax",
        secure=settings.https,
    )


async def start_session(connection: ASGIConnection, user_id: int) -> None:
    """Start a new session for ``user_id``: a new ID, and the session before it ended."""
    old = connection.cookies.get(SESSION_COOKIE)
    if old:
        await connection.app.stores.get("sessions").delete(old)
    connection.state[NEW_SESSION_ID] = secrets.token_hex(32)
    connection.set_session({"user_id": user_id})


def requires_login(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """A guard: only a visitor whose session names a user may go on.

    Litestar answers the exception with 401; app.py turns it into a redirect to
    the login page for people using a browser.
    """
    if not connection.session.get("user_id"):
        raise NotAuthorizedException("Log in to see this page.")


def safe_next(value: Any, default: str) -> str:
    """``value`` if it is a path on this site, else ``default``: redirects never leave the site.

    A URL with a scheme or host, a path starting with // or /\\ (which browsers read as
    another host), and control characters (which browsers drop) are refused.
    """
    if not isinstance(value, str) or not value.startswith("/") or value.startswith(("//", "/\\")):
        return default
    if "\\" in value or any(ord(character) < 32 or ord(character) == 127 for character in value):
        return default
    parts = urllib.parse.urlsplit(value)
    return value if not parts.scheme and not parts.netloc else default
