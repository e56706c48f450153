"""Run the development server: ``python -m {{ cookiecutter.package_name }}``."""

import os

import bottle

from .app import DEBUG, application


def main() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    port = int(os.environ.get("PORT", "8000"))
    # run() serves the app with wsgiref, the standard library's server: fine
    # for development. It stays quiet unless BOTTLE_DEBUG=1, which adds Bottle's
    # banner, a line per request and a reloader that restarts the server when a
    # source file changes.
    if not DEBUG:
        print(f"Serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)
    bottle.run(
        application, host="127.0.0.1", port=port, quiet=not DEBUG, debug=DEBUG, reloader=DEBUG
    )


if __name__ == "__main__":
    main()
