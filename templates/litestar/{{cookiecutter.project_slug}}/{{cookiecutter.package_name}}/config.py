"""The settings, read from environment variables and the project's .env file.

``Settings.from_env()`` reads them once, where the app is built, so that
``python -m {{ cookiecutter.package_name }}``, asgi.py and Litestar's own CLI see
the same values. python-dotenv's ``load_dotenv`` never overrides a variable that
is already set: the environment wins over .env.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv

# The project folder (where pyproject.toml is): its .env holds local settings.
ROOT = Path(__file__).resolve().parent.parent
# The SQLite file used when DATABASE_URL is unset (git ignores *.sqlite3).
DEFAULT_DATABASE = ROOT / "db.sqlite3"
# The host names of this machine, always allowed (see APP_ALLOWED_HOSTS).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
TRUE = ("1", "true", "yes", "on")


def database_url(value: str) -> str:
    """DATABASE_URL as SQLAlchemy's asyncio engine wants it, with the driver named.

    People write ``postgresql://user:password@host/name`` (as compose.yaml and
    most hosts do); the app talks to PostgreSQL through psycopg's asyncio
    support and to SQLite through aiosqlite.
    """
    if not value:
        return f"sqlite+aiosqlite:///{DEFAULT_DATABASE}"
    scheme, separator, rest = value.partition("://")
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    if scheme == "sqlite":
        return f"sqlite+aiosqlite://{rest}"
    return value


@dataclass(frozen=True)
class Settings:
    """Every setting the app reads, from the environment and .env."""

    # Signs the CSRF tokens; asgi.py refuses to start without it. repr=False keeps it
    # out of logs and tracebacks.
    secret_key: str = field(default="", repr=False)
    # SQLAlchemy's URL of the database (see database_url()).
    database_url: str = field(default_factory=lambda: database_url(""))
    # Tracebacks in error pages: never in production.
    debug: bool = False
    # Behind a TLS proxy: cookies are sent over HTTPS only, and browsers are told to stay there.
    https: bool = False
    # The host names people reach the site by; a request naming another is refused (400).
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    project_name: str = "{{ cookiecutter.project_name }}"

    @classmethod
    def from_env(cls, env_file: Path | None = ROOT / ".env") -> "Settings":
        """The settings of this process: the environment, then ``env_file`` for what it lacks."""
        if env_file is not None:
            load_dotenv(env_file)
        hosts = os.environ.get("APP_ALLOWED_HOSTS", "")
        return cls(
            secret_key=os.environ.get("APP_SECRET_KEY", "").strip(),
            database_url=database_url(os.environ.get("DATABASE_URL", "").strip()),
            debug=os.environ.get("APP_DEBUG", "").strip().lower() in TRUE,
            https=os.environ.get("APP_HTTPS", "").strip().lower() in TRUE,
            allowed_hosts=LOCAL_HOSTS + tuple(h.strip() for h in hosts.split(",") if h.strip()),
        )
