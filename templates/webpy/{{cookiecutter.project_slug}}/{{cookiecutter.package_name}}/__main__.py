"""Run the development server: ``python -m {{ cookiecutter.package_name }}``.

``app.run()``, the usual way to start web.py, listens on every network interface
(0.0.0.0) and serves /static/ from the current directory. We start the same
server, CherryPy's cheroot, on 127.0.0.1 with web.py's request log, and let
the app serve its static files itself, as it does under any WSGI server.
"""

import os

from web.httpserver import LogMiddleware, WSGIServer

from .app import app


def main() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    port = int(os.environ.get("PORT", "8000"))
    server = WSGIServer(("127.0.0.1", port), LogMiddleware(app.wsgifunc()))
    print(f"Serving on http://127.0.0.1:{port}/ (press Ctrl-C to stop)")
    try:
        server.start()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
