"""Small helpers that read settings from environment variables."""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    """``1``, ``true``, ``yes`` or ``on`` (any case) mean True; unset means ``default``."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list: ``example.com,www.example.com``."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


ENGINES = {
    "sqlite": "django.db.backends.sqlite3",
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "mysql": "django.db.backends.mysql",
}


def database_from_url(url: str, base_dir: Path) -> dict:
    """Turn a database URL into one entry of Django's DATABASES setting.

    - ``sqlite:///db.sqlite3``: a file, relative to ``base_dir``;
    - ``sqlite:////srv/data/db.sqlite3``: an absolute path (four slashes);
    - ``sqlite://:memory:``: a database in memory;
    - ``postgresql://user:password@host:5432/name`` (needs ``psycopg``) or
      ``mysql://...`` (needs ``mysqlclient``): a database server.

    For connection options (SSL, pooling) edit DATABASES in settings directly.
    """
    parts = urlsplit(url)
    engine = ENGINES.get(parts.scheme)
    if engine is None:
        raise ImproperlyConfigured(
            f"DATABASE_URL: unsupported scheme {parts.scheme!r}; use one of {', '.join(ENGINES)}."
        )
    if parts.scheme == "sqlite":
        name = unquote(parts.path[1:]) or parts.netloc or ":memory:"
        return {
            "ENGINE": engine,
            "NAME": name if name == ":memory:" else base_dir / name,
            # Several server processes or threads may write at once: each write
            # takes the lock when its transaction begins and waits up to 20 s
            # for it, instead of failing with "database is locked". WAL mode
            # lets readers go on while one process writes.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    return {
        "ENGINE": engine,
        "NAME": unquote(parts.path[1:]),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }
