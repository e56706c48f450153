"""Run CherryPy's own server: ``python -m {{ cookiecutter.package_name }}``."""

import os

import cherrypy

from .app import make_app


def main() -> None:
    """Serve the app on 127.0.0.1, on the port named by $PORT (default 8000)."""
    make_app()
    cherrypy.config.update(
        {
            "server.socket_host": "127.0.0.1",
            "server.socket_port": int(os.environ.get("PORT", "8000")),
            # Print the engine's messages and the request log to the terminal.
            "log.screen": True,
        }
    )
    # The engine runs the process: it starts the HTTP server (Cheroot) and
    # stops it cleanly on Ctrl-C or SIGTERM.
    cherrypy.engine.signals.subscribe()
    cherrypy.engine.start()
    cherrypy.engine.block()


if __name__ == "__main__":
    main()
