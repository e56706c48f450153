"""Run the development server: ``python -m {{ cookiecutter.package_name }}``."""

import os
from wsgiref.simple_server import make_server

from paste.deploy import loadapp

# development.ini sits in the project folder, one level above this package.
PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    app = loadapp("config:development.ini", relative_to=PROJECT_DIR)
    port = int(os.environ.get("PORT", "8000"))
    # wsgiref is the standard library's simple WSGI server (the one
    # `gearbox serve` uses by default): fine to develop with, one request at a time.
    with make_server("127.0.0.1", port, app) as server:
        print(f"Serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
