"""Bring template changes into a project that was generated earlier and then edited.

Three versions of each file meet: the base (the project as scaffold last rendered
it, from the snapshot), the user's (the file on disk now) and the template's
(rendered anew from the installed tool with the recorded answers). A file only
one side changed takes that side; a file both changed is merged three ways, with
git-style conflict markers where both changed the same lines.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import answers, generator, registry, snapshot
from .errors import ScaffoldError

ADDED, UPDATED, MERGED, CONFLICT, REMOVED = "added", "updated", "merged", "conflict", "removed"


@dataclass(frozen=True)
class FileChange:
    """What an update does to one file; ``content`` is None for a removal."""

    path: str
    action: str
    content: bytes | None
    diff: str


@dataclass(frozen=True)
class UpdateResult:
    """What `update_project` found and, unless it was a dry run, did."""

    project: Path
    framework: str
    up_to_date: bool
    changes: tuple[FileChange, ...]
    dry_run: bool

    @property
    def conflicts(self) -> list[str]:
        return [change.path for change in self.changes if change.action == CONFLICT]


def update_project(project: Path, *, dry_run: bool = False, force: bool = False) -> UpdateResult:
    """Update ``project`` to the installed template; write nothing when ``dry_run``."""
    project = project.resolve()
    recorded = answers.read(project)
    framework = registry.get(recorded.framework)
    fingerprint = answers.fingerprint(framework.path)
    if fingerprint == recorded.template_fingerprint:
        return UpdateResult(project, framework.key, True, (), dry_run)
    if not dry_run and not force:
        _refuse_uncommitted_changes(project)

    base = snapshot.load(project)
    with tempfile.TemporaryDirectory(prefix="scaffold-update-") as staging:
        context_answers = {**recorded.answers, **base.generated}
        rendered, context = generator.render(framework, context_answers, Path(staging))
        new = snapshot.take(rendered, {})
        changes = tuple(_plan(project, base.files, new.files))
        if not dry_run:
            _apply(project, changes)
            generator.record(framework, rendered, context)
            for own in snapshot.OWN_FILES:
                (project / own).parent.mkdir(exist_ok=True)
                shutil.copy2(rendered / own, project / own)
    return UpdateResult(project, framework.key, False, changes, dry_run)


def _refuse_uncommitted_changes(project: Path) -> None:
    git = shutil.which("git")
    if git is None:
        return
    inside = subprocess.run(
        [git, "-C", str(project), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        text=True,
    )
    if inside.returncode != 0:
        return
    status = subprocess.run(
        [git, "-C", str(project), "status", "--porcelain", "--", "."],
        capture_output=True,
        text=True,
    )
    if status.stdout.strip():
        raise ScaffoldError(
            f"{project} has uncommitted changes; commit or stash them first so the update can"
            " be reviewed and undone, or pass --force."
        )


def _plan(project: Path, base: dict[str, bytes], new: dict[str, bytes]) -> list[FileChange]:
    changes = []
    for path in sorted(set(base) | set(new)):
        if path in snapshot.OWN_FILES:
            continue
        target = project / path
        mine = target.read_bytes() if target.is_file() else None
        change = _decide(path, base.get(path), mine, new.get(path))
        if change is not None:
            changes.append(change)
    return changes


def _decide(
    path: str, base: bytes | None, mine: bytes | None, new: bytes | None
) -> FileChange | None:
    """The change one file needs, or None when it stays as it is."""
    if base == new:
        return None  # the template did not change this file
    if base is None:  # a file the template now adds
        if mine is not None:
            return None  # the user has a file of that name: theirs is never touched
        return FileChange(path, ADDED, new, _diff(path, b"", new))
    if mine is None:
        return None  # the user deleted it: it stays deleted
    if new is None:  # the template dropped the file
        if mine == base:
            return FileChange(path, REMOVED, None, _diff(path, mine, b""))
        return None  # the user changed it: keep it
    if mine == base:
        return FileChange(path, UPDATED, new, _diff(path, mine, new))
    if mine == new:
        return None
    merged, clean = merge_three_way(mine, base, new)
    return FileChange(path, MERGED if clean else CONFLICT, merged, _diff(path, mine, merged))


def merge_three_way(mine: bytes, base: bytes, theirs: bytes) -> tuple[bytes, bool]:
    """Merge with ``git merge-file``; return the result and whether it is conflict-free."""
    git = shutil.which("git")
    if git is None:
        return _whole_file_conflict(mine, theirs), False
    with tempfile.TemporaryDirectory(prefix="scaffold-merge-") as folder:
        paths = []
        for name, data in (("mine", mine), ("base", base), ("theirs", theirs)):
            path = Path(folder, name)
            path.write_bytes(data)
            paths.append(str(path))
        completed = subprocess.run(
            [git, "merge-file", "-p", "-L", "yours", "-L", "base", "-L", "template", *paths],
            capture_output=True,
        )
    if completed.returncode < 0 or completed.returncode > 127:
        return _whole_file_conflict(mine, theirs), False
    return completed.stdout, completed.returncode == 0


def _whole_file_conflict(mine: bytes, theirs: bytes) -> bytes:
    def ended(data: bytes) -> bytes:
        return data if data.endswith(b"\n") or not data else data + b"\n"

    return b"<<<<<<< yours\n" + ended(mine) + b"=======\n" + ended(theirs) + b">>>>>>> template\n"


def _diff(path: str, before: bytes | None, after: bytes | None) -> str:
    old = (before or b"").decode("utf-8", "replace").splitlines(keepends=True)
    new = (after or b"").decode("utf-8", "replace").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))


def _apply(project: Path, changes: tuple[FileChange, ...]) -> None:
    for change in changes:
        target = project / change.path
        if change.content is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(change.content)
