"""Global TurboGears settings for {{ cookiecutter.project_name }}.

An *application configurator* collects settings into a "blueprint"; at start
TurboGears merges development.ini's values over it and builds the WSGI app.
FullStackApplicationConfigurator switches on every component (database,
transactions, authentication, error pages, static files, ...); settings below
turn some off or tune them.
"""

from tg import FullStackApplicationConfigurator
from tg.configuration.auth import TGAuthMetadata

import {{ cookiecutter.package_name }}
from {{ cookiecutter.package_name }} import model
from {{ cookiecutter.package_name }}.lib.auth import (
    AuthenticationComponent,
    LoginCookiePlugin,
    login_session_is_open,
)

base_config = FullStackApplicationConfigurator()
# TurboGears' authentication, with repoze.who's plugins verified once at start
# instead of on every request (lib/auth.py says why).
base_config.replace("sa_auth", AuthenticationComponent)

base_config.update_blueprint(
    {
        # The package TurboGears looks in for controllers, templates and public/.
        "package": {{ cookiecutter.package_name }},
        # Kajiki renders the HTML pages; 'json' lets @expose('json') return JSON.
        "renderers": ["json", "kajiki"],
        "default_renderer": "kajiki",
        # SQLAlchemy: TurboGears calls model.init_model(engine) at start, and the
        # transaction manager commits each request's changes (or rolls them back
        # on an error), so controllers never call commit() themselves.
        "use_sqlalchemy": True,
        "model": model,
        "DBSession": model.DBSession,
        # Server-side sessions and caching use Beaker; this starter needs neither.
        "session.enabled": False,
        "cache.enabled": False,
        # Mailing tracebacks of errors needs the backlash package: off here.
        "trace_errors.enable": False,
        # Translations: this starter ships none, so picking each request's language
        # would be work for nothing. Turn it on when you add an i18n/ catalog.
        "i18n.enabled": False,
    }
)


class ApplicationAuthMetadata(TGAuthMetadata):
    """Tells TurboGears' authentication how to find users and check passwords."""

    def __init__(self, dbsession, user_class):
        self.dbsession = dbsession
        self.user_class = user_class

    def authenticate(self, environ, identity):
        """Return the user name if the login form's credentials are right, else None."""
        user = self.user_class.by_user_name(identity["login"])
        if user is not None and user.validate_password(identity["password"]):
            return user.user_name
        return None

    def get_user(self, identity, userid):
        """The logged-in user, or None once the login has ended (logged out, too old).

        The signed cookie proves who logged in; the login session on the server
        (lib/auth.py) says whether that login still holds. With None, TurboGears
        treats the request as anonymous ("identity.allow_missing_user" below).
        """
        user = self.user_class.by_user_name(userid)
        if user is None or not login_session_is_open(identity, user):
            return None
        return user

    def get_groups(self, identity, userid):
        return [group.group_name for group in identity["user"].groups]

    def get_permissions(self, identity, userid):
        return [permission.permission_name for permission in identity["user"].permissions]


# Authentication: repoze.who checks the login form posted to /login_handler,
# remembers the user in a signed "authtkt" cookie, and sends anyone who is
# refused a page (401) to /login. @require(predicate) guards a method.
base_config.update_blueprint(
    {
        "sa_auth.enabled": True,
        "sa_auth.authmetadata": ApplicationAuthMetadata(model.DBSession, model.User),
        "sa_auth.post_login_url": "/post_login",
        "sa_auth.post_logout_url": "/post_logout",
        # A logged-in user deleted from the database is treated as anonymous.
        "identity.allow_missing_user": False,
        # None: use TurboGears' own login form plugin.
        "sa_auth.form_plugin": None,
    }
)


def auth_settings(cookie: LoginCookiePlugin) -> dict:
    """The settings of the login cookie, which make_app() makes with the secret.

    The login cookie is our LoginCookiePlugin (lib/auth.py) instead of TurboGears'
    default one: it identifies the user on each request, and ("default", None)
    keeps TurboGears' authenticator that checks the login form's password.
    """
    return {
        "sa_auth.cookie_secret": cookie.secret,
        "sa_auth.identifiers": [("cookie", cookie)],
        "sa_auth.authenticators": [("cookie", cookie), ("default", None)],
    }
