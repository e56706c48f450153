"""Run the development server: ``python -m {{ cookiecutter.package_name }}``."""

import os

from . import create_app


def main() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    app = create_app()
    port = int(os.environ.get("PORT", "8000"))
    # app.run() serves with Hypercorn, the ASGI server installed with Quart. It
    # reloads on changes unless told not to: only in debug mode (QUART_DEBUG=1).
    app.run(host="127.0.0.1", port=port, use_reloader=app.debug)


if __name__ == "__main__":
    main()
