"""The settings, read from environment variables and the project's .env file.

This is FastAPI's "Settings and Environment Variables" pattern: a pydantic-settings
``BaseSettings`` class checks and converts each value (``APP_DEBUG=1`` becomes
``True``), and ``get_settings`` builds it once, for ``Depends(get_settings)``.
"""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# The project folder (where pyproject.toml is): its .env holds local settings.
ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting the app reads: APP_<NAME> in the environment or in .env."""

    # A variable set in the environment wins over .env; .env may hold others (PORT).
    model_config = SettingsConfigDict(env_prefix="APP_", env_file=ROOT / ".env", extra="ignore")

    project_name: str = "{{ cookiecutter.project_name }}"
    # Debug shows tracebacks in error pages and serves the API docs: never in production.
    debug: bool = False
    # SecretStr keeps the value out of logs and reprs: str(settings) shows "**********".
    secret_key: SecretStr = SecretStr("")
    # The port `python -m {{ cookiecutter.package_name }}` listens on: PORT, without the prefix.
    port: int = Field(default=8000, validation_alias="PORT")


@lru_cache
def get_settings() -> Settings:
    """The settings, read once: the environment and .env are not read on every request."""
    return Settings()
