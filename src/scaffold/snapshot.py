"""The base of a three-way merge: the project exactly as scaffold last rendered it.

`scaffold update` needs the files as they were generated, even after the tool
was upgraded and no longer ships the old template. They are kept in the project
itself, in one compressed file beside the answers file, together with the
generated values (such as the development secret) that a re-rendering must reuse
so that unchanged lines stay unchanged. See docs/design-notes.md for why.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ProjectNotFoundError

SNAPSHOT_DIR = ".scaffold"
SNAPSHOT_FILE = f"{SNAPSHOT_DIR}/base.tar.gz"
CONTEXT_MEMBER = ".context.json"
# Files scaffold itself writes; they are never part of a template merge.
OWN_FILES = (".scaffold.json", SNAPSHOT_FILE)


@dataclass(frozen=True)
class Snapshot:
    """Rendered files by relative path, and the generated values used to render them."""

    files: Mapping[str, bytes]
    generated: Mapping[str, Any] = field(default_factory=dict)


def take(project_dir: Path, generated: Mapping[str, Any]) -> Snapshot:
    """Snapshot every file under ``project_dir`` except scaffold's own."""
    files = {
        path.relative_to(project_dir).as_posix(): path.read_bytes()
        for path in sorted(project_dir.rglob("*"))
        if path.is_file() and path.relative_to(project_dir).as_posix() not in OWN_FILES
    }
    return Snapshot(files=files, generated=dict(generated))


def save(project_dir: Path, snapshot: Snapshot) -> Path:
    """Write the snapshot into the project; the archive is reproducible byte for byte."""
    import gzip
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        members = {CONTEXT_MEMBER: json.dumps(snapshot.generated, sort_keys=True).encode()}
        members.update(snapshot.files)
        for name, data in sorted(members.items()):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))
    path = project_dir / SNAPSHOT_FILE
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(gzip.compress(buffer.getvalue(), compresslevel=9, mtime=0))
    return path


def load(project_dir: Path) -> Snapshot:
    """Read the project's snapshot, or raise `ProjectNotFoundError`."""
    import tarfile

    path = project_dir / SNAPSHOT_FILE
    try:
        with tarfile.open(path, mode="r:gz") as archive:
            members = {
                member.name: archive.extractfile(member).read()  # type: ignore[union-attr]
                for member in archive.getmembers()
                if member.isfile()
            }
    except FileNotFoundError:
        raise ProjectNotFoundError(
            f"{path} is missing, so there is no base to merge from; restore it from version"
            " control."
        ) from None
    except (tarfile.TarError, OSError) as exc:
        raise ProjectNotFoundError(f"{path} cannot be read ({exc}); restore it.") from exc
    generated = json.loads(members.pop(CONTEXT_MEMBER, b"{}"))
    return Snapshot(files=members, generated=generated)
