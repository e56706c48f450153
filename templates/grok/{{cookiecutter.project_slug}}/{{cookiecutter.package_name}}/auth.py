"""Log in as the site's administrator, with zope.pluggableauth.

Grok has no admin UI or user database of its own. The Zope Toolkit's
*pluggable authentication utility* (PAU), installed in the application by
``App`` in app.py, asks two kinds of plugins who is making a request:

- a credentials plugin reads them: here, the login form's fields, kept in a
  session afterwards;
- an authenticator plugin checks them: here, one ``admin`` account whose
  password comes from $ADMIN_PASSWORD.

A page that needs a permission the visitor lacks answers with a redirect to
``/@@login``.
"""

import hmac
import os

import grok
from zope.authentication.interfaces import IUnauthenticatedPrincipal
from zope.component import getUtility
from zope.pluggableauth.factories import PrincipalInfo
from zope.pluggableauth.interfaces import IAuthenticatorPlugin, ICredentialsPlugin
from zope.pluggableauth.plugins.session import SessionCredentialsPlugin
from zope.publisher.interfaces.http import IHTTPRequest
from zope.session.interfaces import IClientIdManager, ISessionDataContainer
from zope.session.session import RAMSessionDataContainer

from . import DEV_ADMIN_PASSWORD

ADMIN_LOGIN = "admin"
ADMIN_ROLE = "{{ cookiecutter.package_name }}.Administrator"


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


class LoginFormCredentials(grok.GlobalUtility, SessionCredentialsPlugin):
    """Credentials from the ``login`` and ``password`` fields, then the session."""

    grok.provides(ICredentialsPlugin)
    grok.name("login-form")
    loginpagename = "login"  # where a challenge redirects to

    def extractCredentials(self, request):
        """The login form's fields, else the credentials kept in the session.

        Reading the session gives every visitor one, and a cookie with it. A
        request without that cookie has no credentials kept: it is answered
        as anonymous without starting a session, so pages such as /health
        cost no session and send no cookie.
        """
        if not IHTTPRequest.providedBy(request):
            return None
        posted = request.get(self.loginfield) and request.get(self.passwordfield)
        if not posted and getUtility(IClientIdManager).getRequestId(request) is None:
            return None
        return super().extractCredentials(request)


@grok.implementer(IAuthenticatorPlugin)
class AdminAccount(grok.GlobalUtility):
    """The one account: ``admin``, with the password from $ADMIN_PASSWORD."""

    grok.provides(IAuthenticatorPlugin)
    grok.name("admin-account")

    def authenticateCredentials(self, credentials):
        if not credentials or credentials.get("login") != ADMIN_LOGIN:
            return None
        expected = os.environ.get("ADMIN_PASSWORD", DEV_ADMIN_PASSWORD)
        given = str(credentials.get("password", ""))
        if hmac.compare_digest(given.encode(), expected.encode()):
            return self.principalInfo(ADMIN_LOGIN)
        return None

    def principalInfo(self, id):
        if id == ADMIN_LOGIN:
            return PrincipalInfo(ADMIN_LOGIN, ADMIN_LOGIN, "Administrator", "")
        return None


# The session itself: Zope creates a session cookie manager, with a random
# secret to sign the cookie, and a session store in the database on first
# start. The login form's credentials contain the password, so they are kept
# in a store of their own, in memory only (a restart logs everybody out).
grok.global_utility(
    RAMSessionDataContainer,
    provides=ISessionDataContainer,
    name="zope.pluggableauth.browserplugins",  # the session key the plugin uses
    direct=False,
)


class Login(grok.Page):
    """``/login``: the form; the credentials plugin reads what it posts."""

    grok.context(grok.IApplication)
    grok.require("zope.Public")

    def update(self, camefrom=""):
        self.failed = False
        # Only ever return to a page of this site.
        self.camefrom = camefrom if camefrom.startswith(self.application_url()) else ""
        if self.request.method != "POST":
            return
        if IUnauthenticatedPrincipal.providedBy(self.request.principal):
            self.failed = True
        else:
            self.redirect(self.camefrom or self.application_url() + "/admin", status=303)


class Logout(grok.View):
    """``/logout``: forget the credentials kept in the session."""

    grok.context(grok.IApplication)
    grok.require("zope.Public")

    def render(self):
        getUtility(ICredentialsPlugin, "login-form").logout(self.request)
        self.redirect(self.application_url(), status=303)
