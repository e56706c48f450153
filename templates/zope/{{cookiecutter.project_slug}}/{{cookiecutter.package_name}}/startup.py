"""Set the site up each time Zope starts, once the database is open.

configure.zcml subscribes ``set_up_site`` to the event Zope sends then. It
creates what a fresh database lacks (the note board, the admin user) and leaves
an existing site alone, so the first start needs no manual step.
"""

import os

from .notes import NoteBoard

ADMIN_USER = "admin"
# The admin's first password, generated for this project only. In production
# set ZOPE_ADMIN_PASSWORD instead: at each start the admin's password becomes
# that. Without it, a password changed in the ZMI (acl_users) is kept.
DEV_ADMIN_PASSWORD = "{{ cookiecutter.__admin_password }}"


def admin_password() -> str:
    return os.environ.get("ZOPE_ADMIN_PASSWORD") or DEV_ADMIN_PASSWORD


def set_up_site(event) -> None:
    """Handle IDatabaseOpenedWithRoot: the root Zope application exists."""
    # A connection in a transaction of its own: committed at the end of the
    # block (which writes nothing if nothing changed), undone on an error.
    with event.database.transaction("Set up the site") as connection:
        # The ZODB root is a mapping; Zope keeps its application object in it.
        app = connection.root()["Application"]
        # Attributes whose name starts with "_" are never published on the
        # web, so the board is reachable only through the /notes view.
        if getattr(app, "_notes", None) is None:
            app._notes = NoteBoard()
        ensure_admin(app.acl_users)


def ensure_admin(user_folder) -> None:
    """Give the root user folder (acl_users) a Manager with the known password.

    Zope's own way to seed a user is an `inituser` file or the `addzopeuser`
    script; doing it here lets the password come from the environment.
    """
    user = user_folder.getUser(ADMIN_USER)
    override = os.environ.get("ZOPE_ADMIN_PASSWORD")
    if user is None or (override and not user.authenticate(override, None)):
        # The user folder stores a salted hash, never the password itself.
        user_folder._doAddUser(ADMIN_USER, admin_password(), ["Manager"], [])
