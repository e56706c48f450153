"""Run the app: ``python -m {{ cookiecutter.package_name }}``.

Set it up: ``python -m {{ cookiecutter.package_name }} migrate``, then ``... create-admin [USERNAME]``.

Grok has no web server of its own; waitress is a small, production-quality
WSGI server in pure Python.
"""

import argparse
import getpass
import os
import sys

import waitress

from . import SetupError, make_application
from .auth import ADMIN_LOGIN
from .middleware import MAX_BODY

# create-admin takes the password from this variable when it is set, so that
# a script or a deployment can run it without a terminal.
PASSWORD_VARIABLE = "GROK_ADMIN_PASSWORD"


def read_password() -> str:
    """The new password: $GROK_ADMIN_PASSWORD, else asked twice on a terminal, else stdin."""
    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("New password for admin: ")
    if password != getpass.getpass("Again: "):
        sys.exit("The two passwords differ: nothing was changed.")
    return password


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m {{ cookiecutter.package_name }}")
    parser.add_argument(
        "command",
        nargs="?",
        choices=["serve", "migrate", "create-admin"],
        default="serve",
        help="serve (the default): set the database up, then serve on 127.0.0.1:$PORT; "
        "migrate: only set the database up (run it before starting production servers); "
        "create-admin: set the user name and password of the admin account",
    )
    parser.add_argument(
        "username",
        nargs="?",
        help="create-admin only: the admin's user name (default: admin)",
    )
    args = parser.parse_args(argv)
    username = args.username if args.username is not None else ADMIN_LOGIN
    if args.username is not None and args.command != "create-admin":
        parser.error("only create-admin takes a user name")
    if (
        not 0 < len(username) <= 100
        or not username.isprintable()
        or any(char.isspace() for char in username)
    ):
        parser.error("the user name must be 1 to 100 printable characters, without spaces")
    try:
        # The development server migrates first, for convenience; wsgi.py never does.
        application = make_application(migrate=True)
    except SetupError as error:
        sys.exit(str(error))
    if args.command == "migrate":
        print("The database is set up.")
    elif args.command == "create-admin":
        from .app import set_admin_password

        password = read_password()
        if len(password) < 8:
            sys.exit("Use a password of at least 8 characters: nothing was changed.")
        set_admin_password(application.database, password, username)
        print(f"The admin account's password is set: log in at /login as {username}.")
    else:
        port = int(os.environ.get("PORT", "8000"))
        waitress.serve(application, host="127.0.0.1", port=port, max_request_body_size=MAX_BODY)
    if args.command != "serve":
        application.database.close()  # closing a FileStorage saves its index


if __name__ == "__main__":
    main()
