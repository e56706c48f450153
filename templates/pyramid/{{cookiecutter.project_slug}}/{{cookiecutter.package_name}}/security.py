"""Sessions, CSRF protection and the security policy: who is logged in, what they may do.

The shape is the one of Pyramid's wiki2 tutorial: a class with ``identity``,
``authenticated_userid``, ``permits``, ``remember`` and ``forget`` (Pyramid 2's
``ISecurityPolicy``), installed with ``config.set_security_policy``. Where wiki2
keeps the login in a signed ``auth_tkt`` cookie, this starter keeps it in the
session, so one cookie carries the login and the CSRF token bound to it.

A signed cookie cannot be taken back: a copy made before logging out would
still be valid. So each user has a ``login_generation`` counter in the
database; a login records the counter in the session, logging out increments
it, and a session whose counter is stale is logged in no more.
"""

from pyramid.authentication import SessionAuthenticationHelper
from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.csrf import SessionCSRFStoragePolicy
from pyramid.request import RequestLocalCache
from pyramid.session import JSONSerializer, SignedCookieSessionFactory

from . import models

__all__ = ["SESSION_TIMEOUT", "SecurityPolicy", "includeme"]

# A session (and so a login) ends after an hour without a request.
SESSION_TIMEOUT = 60 * 60
# The session key that holds the user's login generation at login time.
GENERATION = "login_generation"


class SecurityPolicy:
    """Pyramid's security policy, as wiki2 writes it, with the login in the session."""

    def __init__(self):
        self.helper = SessionAuthenticationHelper()
        # identity() may be asked many times per request: load the user once.
        self.identity_cache = RequestLocalCache(self.load_identity)
        self.acl = ACLHelper()

    def load_identity(self, request):
        user_id = self.helper.authenticated_userid(request)
        if user_id is None:
            return None
        user = request.dbsession.get(models.User, user_id)
        # A copy of the session cookie from before a logout names an old generation.
        if user is None or request.session.get(GENERATION) != user.login_generation:
            return None
        return user

    def identity(self, request):
        return self.identity_cache.get_or_create(request)

    def authenticated_userid(self, request):
        user = self.identity(request)
        return None if user is None else user.id

    def remember(self, request, userid, **kw):
        # A new session at login (OWASP): a session planted before it is not kept,
        # and the CSRF token changes with it.
        request.session.invalidate()
        user = request.dbsession.get(models.User, userid)
        request.session[GENERATION] = user.login_generation
        self.identity_cache.clear(request)
        return self.helper.remember(request, userid, **kw)

    def forget(self, request, **kw):
        user = self.identity(request)
        if user is not None:
            # Ends this login everywhere, copies of the cookie included.
            user.login_generation += 1
        request.session.invalidate()
        self.identity_cache.clear(request)
        return self.helper.forget(request, **kw)

    def permits(self, request, context, permission):
        principals = [Everyone]
        user = self.identity(request)
        if user is not None:
            principals += [Authenticated, f"u:{user.id}", f"role:{user.role}"]
        # The context's __acl__ (routes.ManageResource) says which principals hold the permission.
        return self.acl.permits(context, principals, permission)


def includeme(config):
    settings = config.get_settings()
    # The session lives in a cookie signed with SECRET_KEY (it cannot be forged):
    # HttpOnly (scripts cannot read it), SameSite=Lax (other sites' posts do not
    # carry it), Secure behind HTTPS, ending after SESSION_TIMEOUT idle.
    session_factory = SignedCookieSessionFactory(
        settings["session.secret"],
        cookie_name="session",
        httponly=True,
        samesite="Lax",
        secure=settings["app.https"],
        timeout=SESSION_TIMEOUT,
        reissue_time=5 * 60,
        serializer=JSONSerializer(),
    )
    config.set_session_factory(session_factory)
    # Pyramid's CSRF protection: every POST (and PUT, DELETE...) must carry the
    # session's token in a ``csrf_token`` field (or an X-CSRF-Token header), else
    # it is refused with 400 before the view runs. Over HTTPS the Origin or
    # Referer must also be this site. Forms add ``get_csrf_token()`` (templates).
    config.set_csrf_storage_policy(SessionCSRFStoragePolicy())
    config.set_default_csrf_options(require_csrf=True)
    config.set_security_policy(SecurityPolicy())
