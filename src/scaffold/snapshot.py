"""The base of a three-way merge: the project exactly as scaffold last rendered it.

`scaffold update` needs the files as they were generated, even after the tool
was upgraded and no longer ships the old template. They are kept in the project
itself, in one compressed file beside the answers file. Rendering a template
twice gives the same files (secrets live only in git-ignored local files, which
the snapshot never holds), so nothing else needs keeping. See
docs/design-notes.md for why.

A snapshot comes from the project, so it is untrusted input: every member name
is checked to be a plain relative path before it is used.
"""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import InvalidProjectFileError, ProjectNotFoundError
from .paths import read_project_file, relative_path, write_file

SNAPSHOT_DIR = ".scaffold"
SNAPSHOT_FILE = f"{SNAPSHOT_DIR}/base.tar.gz"
# Files scaffold itself writes; they are never part of a template merge.
OWN_FILES = (".scaffold.json", SNAPSHOT_FILE)
# A rendered starter is a few hundred kilobytes; anything far larger is not a snapshot.
# The cap holds for the archive as it is unpacked, every header included: a tar
# header can claim gigabytes for a "long name", and tarfile would read it all.
MAX_SIZE = 64 * 1024 * 1024


@dataclass(frozen=True)
class Snapshot:
    """Rendered files by relative path."""

    files: Mapping[str, bytes]


def take(project_dir: Path, exclude: Collection[str] = ()) -> Snapshot:
    """Snapshot every file under ``project_dir`` except scaffold's own and ``exclude``."""
    skipped = set(OWN_FILES) | set(exclude)
    found = []
    # os.walk, not Path.rglob: a starter has hundreds of paths, and this runs in every `new`.
    for folder, _dirs, names in os.walk(project_dir):  # symlinked folders are not entered
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, project_dir).replace(os.sep, "/")
            if relative not in skipped and not os.path.islink(path) and os.path.isfile(path):
                found.append(relative)
    files = {}
    for relative in sorted(found, key=lambda name: name.split("/")):  # Path order, part by part
        with open(os.path.join(project_dir, relative), "rb") as file:
            files[relative] = file.read()
    return Snapshot(files=files)


def save(project_dir: Path, snapshot: Snapshot) -> Path:
    """Write the snapshot into the project; the archive is reproducible byte for byte."""
    write_file(project_dir, SNAPSHOT_FILE, archive_bytes(snapshot))
    return project_dir / SNAPSHOT_FILE


def archive_bytes(snapshot: Snapshot) -> bytes:
    """The snapshot as a gzip-compressed tar: sorted members, fixed modes, no timestamps."""
    import gzip
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in sorted(snapshot.files.items()):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))
    return gzip.compress(buffer.getvalue(), compresslevel=6, mtime=0)


def load(project_dir: Path) -> Snapshot:
    """Read and check the project's snapshot, or raise `ProjectNotFoundError`."""
    import tarfile

    path = project_dir / SNAPSHOT_FILE
    source = f"{SNAPSHOT_FILE} in {project_dir.name}"
    files: dict[str, bytes] = {}
    try:
        unpacked = _gunzip(read_project_file(project_dir, SNAPSHOT_FILE, limit=MAX_SIZE), source)
        with tarfile.open(fileobj=io.BytesIO(unpacked), mode="r:") as archive:
            for member in archive:
                relative_path(member.name, source)
                if not member.isfile():
                    raise InvalidProjectFileError(
                        f"{source} holds {member.name!r}, which is not a regular file;"
                        " restore it from version control."
                    )
                if member.name in files:
                    raise InvalidProjectFileError(
                        f"{source} names {member.name!r} twice; restore it from version control."
                    )
                extracted = archive.extractfile(member)
                files[member.name] = extracted.read() if extracted else b""
    except FileNotFoundError:
        raise ProjectNotFoundError(
            f"{path} is missing, so there is no base to merge from; restore it from version"
            " control."
        ) from None
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise InvalidProjectFileError(
            f"{source} cannot be read ({exc}); restore it from version control."
        ) from exc
    return Snapshot(files=files)


def _gunzip(data: bytes, source: str) -> bytes:
    """``data`` decompressed, refused as soon as it would pass `MAX_SIZE`."""
    unpacked = bytearray()
    while data:
        decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        unpacked += decompressor.decompress(data, MAX_SIZE + 1 - len(unpacked))
        if len(unpacked) > MAX_SIZE or decompressor.unconsumed_tail:
            raise InvalidProjectFileError(
                f"{source} unpacks to more than {MAX_SIZE // (1024 * 1024)} MB, far more than"
                " a snapshot holds; restore it from version control."
            )
        if not decompressor.eof:
            raise InvalidProjectFileError(
                f"{source} is cut short; restore it from version control."
            )
        data = decompressor.unused_data  # gzip allows several members one after another
    return bytes(unpacked)
