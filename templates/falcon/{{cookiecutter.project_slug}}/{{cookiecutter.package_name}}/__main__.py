"""Run the development server: ``python -m {{ cookiecutter.package_name }}``.

It serves the WSGI app with wsgiref, the small WSGI server of Python's standard
library, as Falcon's quickstart does: one request at a time, on this machine
only. Production servers run wsgi.py or asgi.py instead (see README.md).
"""

from wsgiref.simple_server import make_server

from .app import create_app
from .config import get_settings


def main() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    settings = get_settings()
    with make_server("127.0.0.1", settings.port, create_app(settings)) as server:
        print(f"Serving on http://127.0.0.1:{settings.port}/ (Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
