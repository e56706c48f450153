"""Run the development server: ``python -m {{ cookiecutter.package_name }}``."""

import uvicorn

from .config import get_settings


def main() -> None:
    """Serve the app with uvicorn on 127.0.0.1, on the port named by $PORT (default 8000)."""
    settings = get_settings()
    # An import string, not the app object: uvicorn's reloader (on with APP_DEBUG)
    # re-imports it after every change.
    uvicorn.run(
        "{{ cookiecutter.package_name }}.main:app",
        host="127.0.0.1",
        port=settings.port,
        reload=settings.debug,
    )


if __name__ == "__main__":
    main()
