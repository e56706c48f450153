"""Run the site: ``python -m {{ cookiecutter.package_name }}``; set the database up: ``... migrate``.

Serves it with waitress, the WSGI server Zope itself uses (`runwsgi`).
``... create-admin NAME`` adds a Manager for the ZMI, as Zope's addzopeuser
does, but reads the database's address from the settings (.env) and the
password from ZOPE_ADMIN_PASSWORD or a prompt, never from the command line
(which other users of the machine can see in the process list).
"""

import argparse
import getpass
import logging
import os
import sys

from waitress import serve

from .instance import SetupError, make_app
from .middleware import MAX_BODY


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m {{ cookiecutter.package_name }}")
    parser.add_argument(
        "command",
        nargs="?",
        choices=["serve", "migrate", "create-admin"],
        default="serve",
        help="serve (the default): set the database up, then serve on 127.0.0.1:$PORT; "
        "migrate: only set the database up (run it before starting production servers); "
        "create-admin NAME: add a Manager for the ZMI (password from $ZOPE_ADMIN_PASSWORD "
        "or a prompt)",
    )
    parser.add_argument("name", nargs="?", help="create-admin: the account's user name")
    args = parser.parse_args(argv)
    if args.command == "create-admin":
        password = _admin_password(parser, args.name)
    elif args.name is not None:
        parser.error(f"{args.command} takes no user name")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        # The development server migrates first, for convenience; wsgi.py never does.
        app = make_app(migrate=True)
    except SetupError as error:
        sys.exit(str(error))
    if args.command == "serve":
        port = int(os.environ.get("PORT", "8000"))
        serve(app, host="127.0.0.1", port=port, max_request_body_size=MAX_BODY)
        return
    import Zope2

    try:
        if args.command == "create-admin":
            _add_manager(args.name, password)
        else:
            print("The database is set up.")
    finally:
        Zope2.DB.close()  # closing a FileStorage saves its index


def _admin_password(parser: argparse.ArgumentParser, name: str | None) -> str:
    if not name:
        parser.error("create-admin needs a user name: create-admin NAME")
    password = os.environ.get("ZOPE_ADMIN_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            parser.error("set ZOPE_ADMIN_PASSWORD, or run create-admin in a terminal")
        password = getpass.getpass(f"Password for {name}: ")
    if len(password) < 8:
        parser.error("the password needs at least 8 characters")
    return password


def _add_manager(name: str, password: str) -> None:
    """What addzopeuser does: a Manager in the root user folder (acl_users)."""
    import transaction
    import Zope2

    app = Zope2.app()
    try:
        users = app.acl_users
        if users.getUser(name) is not None:
            sys.exit(f"There is already an account named {name}: change it in the ZMI.")
        # The user folder stores a salted hash of the password, never the password.
        users._doAddUser(name, password, ["Manager"], [])
        transaction.commit()
        print(f"Added the Manager {name}.")
    except BaseException:
        transaction.abort()
        raise
    finally:
        app._p_jar.close()


if __name__ == "__main__":
    main()
