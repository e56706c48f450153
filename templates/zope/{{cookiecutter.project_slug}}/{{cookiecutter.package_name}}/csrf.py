"""CSRF protection for the notes form: a token of the starter's own, bound to the browser.

Zope has no CSRF protection of its own (Plone adds it with plone.protect). A
page on another site can make a visitor's browser post a form to /notes, but it
cannot read this site's cookies or pages. So each browser gets a random value
in a cookie, and the form carries a token derived from it: an HMAC of that
value with ZOPE_SECRET_KEY (OWASP's "signed double-submit cookie", bound to
the session). A forged post lacks the cookie (SameSite=Lax keeps it off posts
from other sites) or the matching token; a token from another browser does not
match this browser's cookie; and without the secret nobody can make a token of
their own. (The WSGI filter also refuses cross-site posts: middleware.py.)
"""

import hashlib
import hmac
import os
import re
import secrets

FIELD = "csrf_token"
# What a cookie value of ours looks like: 32 random bytes, URL-safe base64.
VALUE = re.compile(r"[A-Za-z0-9_-]{43}")


def https() -> bool:
    """ZOPE_HTTPS=1 when the site is served over HTTPS: cookies get Secure."""
    return os.environ.get("ZOPE_HTTPS") == "1"


def cookie_name() -> str:
    # Over HTTPS the __Host- prefix makes browsers refuse the cookie unless
    # this site set it itself (Secure, Path=/, no Domain): a neighbouring
    # subdomain cannot plant a value of its own.
    return "__Host-csrftoken" if https() else "csrftoken"


def _token(value: str) -> str:
    key = os.environ["ZOPE_SECRET_KEY"].encode()
    return hmac.new(key, b"notes-form:" + value.encode(), hashlib.sha256).hexdigest()


def _cookie_value(request) -> str | None:
    value = request.cookies.get(cookie_name())
    return value if isinstance(value, str) and VALUE.fullmatch(value) else None


def token_for(request) -> str:
    """The form's token for this browser; gives it its random cookie first if needed."""
    value = _cookie_value(request)
    if value is None:
        value = secrets.token_urlsafe(32)
        # HttpOnly: page scripts never need it (the server puts the token in the form).
        request.response.setCookie(
            cookie_name(), value, path="/", http_only=True, same_site="Lax", secure=https()
        )
    return _token(value)


def is_valid(request) -> bool:
    """Whether a posted form carries the token of this browser's own cookie."""
    value = _cookie_value(request)
    field = request.form.get(FIELD)
    if value is None or not isinstance(field, str) or not field.isascii():
        return False
    return hmac.compare_digest(field, _token(value))
