"""The project's commands: ``python -m {{ cookiecutter.package_name }} [migrate | create-admin NAME]``.

With no command, run the development server (after migrating the database).
"""

import argparse
import getpass
import os
import sys
from wsgiref.simple_server import make_server

from paste.deploy import loadapp

from {{ cookiecutter.package_name }}.config.application import PROJECT_DIR, load_settings
from {{ cookiecutter.package_name }}.websetup import create_admin, migrate


def serve() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    # For convenience while developing; in production, migrate is a step of its own.
    migrate(load_settings())
    app = loadapp("config:development.ini", relative_to=str(PROJECT_DIR))
    port = int(os.environ.get("PORT", "8000"))
    # wsgiref is the standard library's simple WSGI server (the one
    # `gearbox serve` uses by default): fine to develop with, one request at a time.
    with make_server("127.0.0.1", port, app) as server:
        print(f"Serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def admin(user_name: str) -> None:
    """Create a manager account (or set its password): from $ADMIN_PASSWORD, else a prompt."""
    if not 0 < len(user_name) <= 16:
        sys.exit("A user name has 1 to 16 characters: nothing was changed.")
    password = os.environ.get("ADMIN_PASSWORD", "")
    if not password:
        if not sys.stdin.isatty():
            # No one to ask (a script, a container): never wait for an answer.
            sys.exit("Set ADMIN_PASSWORD to the password: nothing was changed.")
        password = getpass.getpass(f"Password for {user_name}: ")
        if password != getpass.getpass("Password (again): "):
            sys.exit("The passwords differ: nothing was changed.")
    if len(password) < 8:
        sys.exit("Choose a password of at least 8 characters: nothing was changed.")
    settings = load_settings()
    migrate(settings)
    created = create_admin(settings, user_name, password)
    print(f"{'Created' if created else 'Updated'} {user_name}, who may open /manage.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m {{ cookiecutter.package_name }}")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("migrate", help="create or upgrade the database schema (Alembic)")
    create = commands.add_parser("create-admin", help="create a user who may open /manage")
    create.add_argument("name", help="the user name to log in with (at most 16 characters)")
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
