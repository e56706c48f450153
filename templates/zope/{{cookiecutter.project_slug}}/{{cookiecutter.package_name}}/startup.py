"""The database's set-up: what ``python -m {{ cookiecutter.package_name }} migrate`` runs.

The ZODB has no schema to migrate: objects are stored as they are. Setting it
up means creating the objects the site expects in the root, once. Zope itself
creates the root application object (with its user folder, acl_users) when it
first opens a database; this adds the note board. Each step leaves what is
already there alone, so running it again changes nothing.
"""

import transaction
import Zope2

from .notes import NoteBoard


def set_up_site() -> None:
    """Create what a fresh database lacks, in one transaction."""
    # Zope2.app() opens a connection to the database and returns its root
    # object, the Zope application (published at "/").
    app = Zope2.app()
    try:
        # Attributes whose name starts with "_" are never published on the
        # web, so the board is reachable only through the /notes view.
        if getattr(app, "_notes", None) is None:
            app._notes = NoteBoard()
            transaction.get().note("Set up the note board")
        # Commits the changes, if any: nothing is written when nothing changed.
        transaction.commit()
    except BaseException:
        transaction.abort()
        raise
    finally:
        app._p_jar.close()
