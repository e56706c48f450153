"""CSRF protection for the notes form: a signed token of the starter's own.

Zope has no CSRF protection of its own (Plone adds it with plone.protect). A
page on another site can make a visitor's browser post a form to /notes, but it
cannot read this site's cookies or pages. So the form carries a token that only
this site hands out: the same random value in a cookie and in a hidden field of
the form, signed with ZOPE_SECRET_KEY (OWASP's "signed double-submit cookie").
A forged post lacks the cookie or the matching field (and SameSite=Lax keeps
the cookie off posts from other sites), and without the secret nobody can make
a token of their own.
"""

import hashlib
import hmac
import os
import secrets

COOKIE = "csrftoken"
FIELD = "csrf_token"


def https() -> bool:
    """ZOPE_HTTPS=1 when the site is served over HTTPS: cookies get Secure."""
    return os.environ.get("ZOPE_HTTPS") == "1"


def _signature(nonce: str) -> str:
    key = os.environ["ZOPE_SECRET_KEY"].encode()
    return hmac.new(key, nonce.encode(), hashlib.sha256).hexdigest()


def _is_signed(token: object) -> bool:
    if not isinstance(token, str) or token.count(".") != 1:
        return False
    nonce, signature = token.split(".")
    return hmac.compare_digest(signature, _signature(nonce))


def token_for(request) -> str:
    """The visitor's token: the one in their cookie, or a new one, set as a cookie."""
    token = request.cookies.get(COOKIE)
    if not _is_signed(token):
        nonce = secrets.token_urlsafe(24)
        token = f"{nonce}.{_signature(nonce)}"
        # HttpOnly: page scripts never need it (the server puts it in the form).
        request.response.setCookie(
            COOKIE, token, path="/", http_only=True, same_site="Lax", secure=https()
        )
    return token


def is_valid(request) -> bool:
    """Whether a posted form carries the token of the visitor's own cookie."""
    cookie = request.cookies.get(COOKIE)
    field = request.form.get(FIELD)
    return _is_signed(cookie) and isinstance(field, str) and hmac.compare_digest(cookie, field)
