"""Create the database on first start.

A TurboGears quickstart does this in a ``websetup`` package that you run once
with ``gearbox setup-app``; this starter calls ``setup_app()`` from
``make_app()`` instead, so a new database needs no manual step.
"""

import os

import transaction
from tg import config

from {{ cookiecutter.package_name }} import model

# The password of the first "manager" account, generated for this project only.
# Set MANAGER_PASSWORD before the first start to choose your own.
DEV_MANAGER_PASSWORD = "{{ cookiecutter.__manager_password }}"


def setup_app() -> None:
    """Create missing tables, then the first manager if there is no user yet."""
    engine = config["tg.app_globals"].sa_engine
    # create_all() only creates the tables that do not exist yet. When the
    # model changes later, use migrations (alembic) instead.
    model.metadata.create_all(bind=engine)
    bootstrap()


def bootstrap() -> None:
    """Add a user "manager" in group "managers", which has permission "manage"."""
    # Outside a request there is no automatic commit: the transaction manager
    # commits when the `with` block ends (and rolls back if it raises).
    with transaction.manager:
        session = model.DBSession()
        if session.query(model.User).first() is not None:
            return
        manage = model.Permission(permission_name="manage", description="Open the manage page")
        managers = model.Group(group_name="managers", display_name="Managers")
        managers.permissions.append(manage)
        manager = model.User(
            user_name="manager",
            display_name="Manager",
            email_address="manager@example.com",
        )
        manager.password = os.environ.get("MANAGER_PASSWORD", DEV_MANAGER_PASSWORD)
        manager.groups.append(managers)
        session.add(manager)
    model.DBSession.remove()
