"""The project's commands: ``python -m {{ cookiecutter.package_name }} [migrate | create-admin NAME]``.

With no command, serve the app for development (after migrating the database).
"""

import argparse
import asyncio
import getpass
import os
import sys

import uvicorn

from .config import Settings
from .database import create_admin, migrate


def serve(settings: Settings) -> None:
    """Serve the app with uvicorn on 127.0.0.1, on the port named by $PORT (default 8000)."""
    # For convenience while developing; in production, migrate is a step of its own.
    migrate(settings)
    # factory=True: uvicorn calls create_app() itself, again after each change when
    # APP_DEBUG turns reloading on.
    uvicorn.run(
        "{{ cookiecutter.package_name }}.app:create_app",
        factory=True,
        host="127.0.0.1",
        port=int(os.environ.get("PORT", "8000")),
        reload=settings.debug,
    )


def admin(settings: Settings, name: str) -> None:
    """Create an account (or set its password): from $ADMIN_PASSWORD, else a prompt."""
    if not 0 < len(name) <= 16:
        sys.exit("A user name has 1 to 16 characters: nothing was changed.")
    password = os.environ.get("ADMIN_PASSWORD", "")
    if not password:
        if not sys.stdin.isatty():
            # No one to ask (a script, a container): never wait for an answer.
            sys.exit("Set ADMIN_PASSWORD to the password: nothing was changed.")
        password = getpass.getpass(f"Password for {name}: ")
        if password != getpass.getpass("Password (again): "):
            sys.exit("The passwords differ: nothing was changed.")
    if len(password) < 8:
        sys.exit("Choose a password of at least 8 characters: nothing was changed.")
    migrate(settings)
    created = asyncio.run(create_admin(settings, name, password))
    print(f"{'Created' if created else 'Updated'} {name}, who may open /manage.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m {{ cookiecutter.package_name }}")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("migrate", help="create or upgrade the database schema (Alembic)")
    create = commands.add_parser("create-admin", help="create a user who may open /manage")
    create.add_argument("name", help="the user name to log in with (at most 16 characters)")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if args.command == "migrate":
        migrate(settings)
        print("The database is up to date.")
    elif args.command == "create-admin":
        admin(settings, args.name)
    else:
        serve(settings)


if __name__ == "__main__":
    main()
