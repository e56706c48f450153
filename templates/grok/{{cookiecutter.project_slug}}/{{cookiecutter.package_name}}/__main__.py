"""Run the app: ``python -m {{ cookiecutter.package_name }}``.

Grok has no web server of its own; waitress is a small, production-quality
WSGI server in pure Python.
"""

import os

import waitress

from . import make_application


def main() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    application = make_application()
    port = int(os.environ.get("PORT", "8000"))
    waitress.serve(application, host="127.0.0.1", port=port)


if __name__ == "__main__":
    main()
