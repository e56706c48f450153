"""Paths taken from untrusted places, and writes that never leave the project.

A project's snapshot names the files it holds; a rendered template names the
files it writes. Before either is used, every name is checked to be a plain
relative path inside the project, and every folder on the way to it, and the
file itself, must not be a symbolic link: a link could point anywhere, so a
write through it could change a file outside the project.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .errors import InvalidProjectFileError, UnsafePathError

DRIVE = re.compile(r"^[A-Za-z]:")


def relative_path(name: str, source: str) -> PurePosixPath:
    """``name`` as a relative path with no way out, or `InvalidProjectFileError`.

    Refused: empty names, absolute paths, drive letters, backslashes, ``.`` or
    ``..`` components, control characters, and anything under ``.git``.
    """
    path = PurePosixPath(name)
    reason = None
    if not name or name != name.strip() or any(ord(ch) < 32 for ch in name):
        reason = "is empty, padded or holds a control character"
    elif name.startswith("/") or DRIVE.match(name) or "\\" in name:
        reason = "is absolute or not a plain relative path"
    elif any(part in ("", ".", "..") for part in name.split("/")):
        reason = "climbs out of the project with '..' (or holds an empty or '.' part)"
    elif path.parts[0] == ".git":
        reason = "lies inside git's own folder"
    if reason:
        raise InvalidProjectFileError(
            f"{source} names the path {name!r}, which {reason}; restore it from version control."
        )
    return path


def refuse_links(root: Path, relative: PurePosixPath | str) -> None:
    """Raise `UnsafePathError` if ``root/relative`` or any folder on the way is a symlink."""
    current = root
    for part in PurePosixPath(relative).parts:
        current = current / part
        if current.is_symlink():
            raise UnsafePathError(
                f"{current} is a symbolic link; scaffold never writes through a link, so"
                " replace it with a real file or folder (or remove it) and run again."
            )
        if not current.exists():
            return


def refuse_links_for_all(root: Path, relatives: Iterable[str]) -> None:
    """`refuse_links` for every path, before anything is written."""
    if root.is_symlink():
        raise UnsafePathError(
            f"{root} is a symbolic link; scaffold never writes through a link, so give the"
            " real directory instead."
        )
    for relative in relatives:
        refuse_links(root, relative)


def read_project_file(root: Path, relative: str, *, limit: int) -> bytes:
    """The bytes of the project's file ``root/relative``, read as untrusted input.

    Refused with one sentence: a symbolic link on the way, anything but a regular
    file (a FIFO would block the read for ever, a device never ends), and a file
    larger than ``limit`` bytes. A missing file raises `FileNotFoundError` for the
    caller to explain.
    """
    refuse_links(root, relative)
    path = root / relative
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise InvalidProjectFileError(
                f"{relative} in {root.name} is not a regular file; restore it from version control."
            )
        if status.st_size > limit:
            raise InvalidProjectFileError(
                f"{relative} in {root.name} is {status.st_size:,} bytes, more than the"
                f" {limit:,} such a file can hold; restore it from version control."
            )
        data = file.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise InvalidProjectFileError(
            f"{relative} in {root.name} is larger than the {limit:,} bytes such a file can"
            " hold; restore it from version control."
        )
    return data


def write_file(root: Path, relative: str, data: bytes) -> None:
    """Write ``data`` at ``root/relative`` atomically, never through a symlink."""
    refuse_links(root, relative)
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.scaffold-partial")
    partial.write_bytes(data)
    os.replace(partial, target)


def remove_file(root: Path, relative: str) -> None:
    """Remove ``root/relative`` if it is there; a symlink on the way is refused."""
    refuse_links(root, relative)
    (root / relative).unlink(missing_ok=True)
