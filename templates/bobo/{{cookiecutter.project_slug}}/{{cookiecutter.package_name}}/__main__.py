"""Run the development server: ``python -m {{ cookiecutter.package_name }}``.

Bobo's own ``bobo`` command is a development server built on the standard
library's wsgiref; it publishes source files and listens on every network
interface. We call wsgiref directly instead, so the app is served on
127.0.0.1 only and needs nothing beyond the standard library.
"""

import os
from wsgiref.simple_server import make_server

from .app import application


def main() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    port = int(os.environ.get("PORT", "8000"))
    with make_server("127.0.0.1", port, application) as server:
        print(f"Serving on http://127.0.0.1:{port}/ (press Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
