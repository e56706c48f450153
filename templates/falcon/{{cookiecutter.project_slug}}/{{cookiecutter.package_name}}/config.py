"""The settings, read from environment variables and the project's .env file.

Falcon has no settings system of its own: its FAQ leaves the choice to you, and
suggests either passing a config object to the resources that need it or a
function that builds it on demand. This starter does both: ``get_settings()``
builds a ``Settings`` when the app starts, and ``create_app`` hands it to the
resources that need it.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv

# The project folder (where pyproject.toml is): its .env holds local settings.
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Every setting the app reads. Tests build their own: ``Settings(secret_key="test")``."""

    project_name: str = "{{ cookiecutter.project_name }}"
    # The key for what the app signs (nothing yet); repr=False keeps it out of logs.
    secret_key: str = field(default="", repr=False)
    # The port `python -m {{ cookiecutter.package_name }}` listens on.
    port: int = 8000


def get_settings() -> Settings:
    """The settings from the environment, with .env filling in what is not set."""
    # Copy .env (local settings, never committed) into the environment first;
    # a variable that is already set wins.
    load_dotenv(ROOT / ".env")
    return Settings(
        secret_key=os.environ.get("APP_SECRET_KEY", "").strip(),
        port=int(os.environ.get("PORT", "8000")),
    )
