"""The project's commands: ``python -m {{ cookiecutter.package_name }} [migrate | create-admin NAME]``.

With no command, run the development server (after migrating the database).
Pyramid's own ``pserve development.ini`` serves the app too.
"""

import argparse
import getpass
import os
import sys

from pyramid.paster import get_app, setup_logging

from . import PROJECT_DIR, load_settings
from .models.user import PASSWORD_BYTES
from .scripts.initialize_db import create_admin, migrate


def serve() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    import waitress

    # For convenience while developing; in production, migrate is a step of its own.
    migrate(load_settings())
    ini = str(PROJECT_DIR / "development.ini")
    setup_logging(ini)
    app = get_app(ini, "main")
    port = int(os.environ.get("PORT", "8000"))
    # waitress, the server the Pyramid cookiecutter's .ini files name.
    waitress.serve(app, host="127.0.0.1", port=port)


def admin(name: str) -> None:
    """Create an administrator (or set its password): from $ADMIN_PASSWORD, else a prompt."""
    if not 0 < len(name) <= 64:
        sys.exit("A user name has 1 to 64 characters: nothing was changed.")
    password = os.environ.get("ADMIN_PASSWORD", "")
    if not password:
        if not sys.stdin.isatty():
            # No one to ask (a script, a container): never wait for an answer.
            sys.exit("Set ADMIN_PASSWORD to the password: nothing was changed.")
        password = getpass.getpass(f"Password for {name}: ")
        if password != getpass.getpass("Password (again): "):
            sys.exit("The passwords differ: nothing was changed.")
    if len(password) < 8 or len(password.encode("utf8")) > PASSWORD_BYTES:
        sys.exit(
            f"Choose a password of 8 characters to {PASSWORD_BYTES} bytes: nothing was changed."
        )
    settings = load_settings()
    migrate(settings)
    created = create_admin(settings, name, password)
    print(f"{'Created' if created else 'Updated'} {name}, who may open /manage.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m {{ cookiecutter.package_name }}")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("migrate", help="create or upgrade the database schema (Alembic)")
    create = commands.add_parser("create-admin", help="create a user who may open /manage")
    create.add_argument("name", help="the user name to log in with")
    args = parser.parse_args(argv)
    if args.command == "migrate":
        migrate(load_settings())
        print("The database is up to date.")
    elif args.command == "create-admin":
        admin(args.name)
    else:
        serve()


if __name__ == "__main__":
    main()
