"""Fixtures: the objects an action declares with ``@action.uses(...)``.

In web2py, ``db``, ``session`` and ``auth`` were globals that every request
got. In py4web they are *fixtures*: an action lists the ones it needs, and
py4web sets each up before the action runs and finishes it afterwards (the DAL
commits the transaction, or rolls it back on error; the session is saved).
"""

from py4web import DAL, Session
from py4web.utils.auth import Auth
from py4web.utils.factories import Inject

from . import settings

# The database connection: pydal, the DAL of web2py, now a package of its own.
db = DAL(settings.DB_URI, folder=settings.DB_FOLDER, pool_size=1, migrate=True)

# The session lives in a signed, encrypted cookie.
session = Session(secret=settings.SESSION_SECRET_KEY)

# Auth defines the auth_user table and the pages under /auth/ (login, register,
# profile...). This starter sends no email, so new accounts need no verification.
auth = Auth(session, db, registration_requires_confirmation=False)
auth.param.allowed_actions = ["login", "logout", "register", "profile", "change_password"]

# Puts the project's name into every page the layout renders.
inject = Inject(project_name=settings.PROJECT_NAME)

# Expose Auth's pages, rendered with templates/auth.html.
auth.enable(uses=(session, db, inject))
