"""Run the site: ``python -m {{ cookiecutter.package_name }}``.

Serves it with waitress, the WSGI server Zope itself uses (`runwsgi`).
"""

import logging
import os

from waitress import serve

from .instance import make_app


def main() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = make_app()
    port = int(os.environ.get("PORT", "8000"))
    serve(app, host="127.0.0.1", port=port)


if __name__ == "__main__":
    main()
