"""Run the server: ``python -m {{ cookiecutter.package_name }}``."""

import logging
import os

from py4web.server_adapters.adapter_rocket3 import Rocket3Adapter

from . import create_app


def main() -> None:
    """Serve the apps on 127.0.0.1, on the port named by $PORT (default 8000)."""
    application = create_app()
    port = int(os.environ.get("PORT", "8000"))
    # Rocket is the server `py4web run` picks for a single worker; `py4web run`
    # adds a file watcher that reloads an app when you edit it (see README).
    application.run(
        server=Rocket3Adapter,
        host="127.0.0.1",
        port=port,
        logging_level=logging.INFO,
    )


if __name__ == "__main__":
    main()
