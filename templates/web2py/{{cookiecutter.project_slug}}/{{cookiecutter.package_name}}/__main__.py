"""Command line: ``python -m {{ cookiecutter.package_name }} [migrate | create-user NAME]``.

With no command it serves the site for development, migrating first; the
``migrate`` command only migrates, as a deployment does once before it starts
its workers; ``create-user`` adds an account from the command line.
"""

import argparse
import getpass
import logging
import os
import sys

from . import create_app

#: Where ``create-user`` reads the new account's password when it is set (scripts,
#: containers); otherwise it asks for it, twice, on the terminal.
PASSWORD_VARIABLE = "ACCOUNT_PASSWORD"


def migrate():
    """Create or alter the tables to match the models; safe to run again."""
    # Loading the apps with migrations on is what runs them: each define_table
    # compares the table with pydal's notes and changes what differs; this
    # commits it, as the DAL fixture would at the end of a request.
    create_app(migrate=True)
    sys.modules["apps._default.common"].db.commit()


def create_user(username, email=None):
    """Add an account, as the registration page does; return an error sentence or None.

    The password comes from $ACCOUNT_PASSWORD, or from the terminal. Auth checks
    it as on /auth/register (a weak one is refused) and stores only its hash.
    """
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        if not sys.stdin.isatty():
            return f"Set {PASSWORD_VARIABLE} to the new account's password (no terminal to ask)."
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != password:
            return "The two passwords differ."
    create_app()
    common = sys.modules["apps._default.common"]
    db = common.db
    try:
        result = common.auth.register(
            {
                "username": username,
                # Auth needs an email address; .invalid is a name that never
                # resolves (RFC 2606), so no mail can go to someone else.
                "email": email or f"{username}@example.invalid",
                "password": password,
                "first_name": username,
                "last_name": username,
            },
            send=False,
        )
    except db._adapter.driver.Error:
        db.rollback()
        command = "python -m {{ cookiecutter.package_name }} migrate"
        return f"The database has no tables yet: run `{command}` first."
    if result.get("errors"):
        db.rollback()
        return " ".join(f"{name}: {message}." for name, message in result["errors"].items())
    db.commit()
    return None


def serve():
    """Migrate, then serve the apps on 127.0.0.1, port $PORT (default 8000)."""
    from py4web.core import bottle
    from py4web.server_adapters.adapter_rocket3 import Rocket3Adapter

    # For development only: one process, so it may migrate as it loads the apps
    # and a fresh clone runs at once. Production servers load wsgi.py instead.
    application = create_app(migrate=True)
    port = int(os.environ.get("PORT", "8000"))
    # Rocket is the server `py4web run` picks for a single worker; `py4web run`
    # adds a file watcher that reloads an app when you edit it (see README).
    bottle.run(
        application,
        server=Rocket3Adapter,
        host="127.0.0.1",
        port=port,
        logging_level=logging.INFO,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m {{ cookiecutter.package_name }}")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("migrate", help="create or upgrade the database tables")
    create = commands.add_parser(
        "create-user",
        help=f"add an account (password from ${PASSWORD_VARIABLE}, or asked for)",
    )
    create.add_argument("username")
    create.add_argument("--email", help="its email address (default: USERNAME@example.invalid)")
    arguments = parser.parse_args(argv)
    if arguments.command == "migrate":
        migrate()
        print("The database is up to date.")
        return
    if arguments.command == "create-user":
        error = create_user(arguments.username, arguments.email)
        if error:
            sys.exit(error)
        print(f"Created the account {arguments.username}: log in at /auth/login.")
        return
    serve()


if __name__ == "__main__":
    main()
