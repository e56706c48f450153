"""Where scaffold keeps what it can make again: compiled templates and virtual environments.

Both hold code that later runs (Jinja2 executes a compiled template; a virtual
environment is a Python and its packages), so a cache folder is used only when it
is the user's own: a real folder, not a link, owned by this user and writable by
nobody else, as Jinja2 checks its own default folder. Anything else means no
cache (slower, never unsafe), and a warning says so once.
"""

from __future__ import annotations

import os
import stat
import warnings
from pathlib import Path

CACHE_ENV = "SCAFFOLD_CACHE_DIR"
_warned: set[Path] = set()


class CacheFolderWarning(UserWarning):
    """A cache folder was skipped because someone else could change what it holds."""


def root() -> Path:
    """``$SCAFFOLD_CACHE_DIR``, else ``$XDG_CACHE_HOME/scaffold``, else ``~/.cache/scaffold``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scaffold"


def private_folder(*parts: str) -> Path | None:
    """The folder ``root()/parts``, made if missing, or None when it is not the user's own.

    The root and every folder below it on the way must pass: a folder that others
    may write to lets them swap what lies inside it.
    """
    folder = root()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _check(folder)
        for part in parts:
            folder = folder / part
            folder.mkdir(mode=0o700, exist_ok=True)
            _check(folder)
    except OSError as exc:
        _warn_once(folder, f"the cache folder {folder} cannot be used ({exc.strerror or exc})")
        return None
    except _NotPrivate as reason:
        _warn_once(folder, f"the cache folder {folder} is not used: {reason}")
        return None
    return folder


class _NotPrivate(Exception):
    pass


def _check(folder: Path) -> None:
    status = os.lstat(folder)
    if stat.S_ISLNK(status.st_mode) or not stat.S_ISDIR(status.st_mode):
        raise _NotPrivate("it is a link or not a folder")
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        raise _NotPrivate("another user owns it")
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise _NotPrivate("others may write to it (make it yours alone: chmod go-w)")


def _warn_once(folder: Path, message: str) -> None:
    if folder not in _warned:
        _warned.add(folder)
        warnings.warn(f"{message}; working without a cache.", CacheFolderWarning, stacklevel=3)
