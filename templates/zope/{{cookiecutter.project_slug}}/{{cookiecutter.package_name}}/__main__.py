"""Run the site: ``python -m {{ cookiecutter.package_name }}``; set the database up: ``... migrate``.

Serves it with waitress, the WSGI server Zope itself uses (`runwsgi`).
"""

import argparse
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
        choices=["serve", "migrate"],
        default="serve",
        help="serve (the default): set the database up, then serve on 127.0.0.1:$PORT; "
        "migrate: only set the database up (run it before starting production servers)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        # The development server migrates first, for convenience; wsgi.py never does.
        app = make_app(migrate=True)
    except SetupError as error:
        sys.exit(str(error))
    if args.command == "migrate":
        import Zope2

        Zope2.DB.close()  # closing a FileStorage saves its index
        print("The database is set up.")
        return
    port = int(os.environ.get("PORT", "8000"))
    serve(app, host="127.0.0.1", port=port, max_request_body_size=MAX_BODY)


if __name__ == "__main__":
    main()
