"""Run the app: ``python -m {{ cookiecutter.package_name }}``.

Set it up: ``python -m {{ cookiecutter.package_name }} migrate``, then ``... create-admin``.

Grok has no web server of its own; waitress is a small, production-quality
WSGI server in pure Python.
"""

import argparse
import getpass
import os
import sys

import waitress

from . import SetupError, make_application
from .middleware import MAX_BODY


def read_password() -> str:
    """The new password: asked twice on a terminal, else one line of stdin."""
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
        "create-admin: set the password of the admin account",
    )
    args = parser.parse_args(argv)
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
        set_admin_password(application.database, password)
        print("The admin account's password is set: log in at /login as admin.")
    else:
        port = int(os.environ.get("PORT", "8000"))
        waitress.serve(application, host="127.0.0.1", port=port, max_request_body_size=MAX_BODY)
    if args.command != "serve":
        application.database.close()  # closing a FileStorage saves its index


if __name__ == "__main__":
    main()
