"""Command line: ``python -m {{ cookiecutter.package_name }} [migrate]``.

With no command it serves the site for development, migrating first; the
``migrate`` command only migrates, as a deployment does once before it starts
its workers.
"""

import argparse
import logging
import os
import sys

from . import create_app


def migrate():
    """Create or alter the tables to match the models; safe to run again."""
    # Loading the apps with migrations on is what runs them: each define_table
    # compares the table with pydal's notes and changes what differs; this
    # commits it, as the DAL fixture would at the end of a request.
    create_app(migrate=True)
    sys.modules["apps._default.common"].db.commit()


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
    arguments = parser.parse_args(argv)
    if arguments.command == "migrate":
        migrate()
        print("The database is up to date.")
        return
    serve()


if __name__ == "__main__":
    main()
