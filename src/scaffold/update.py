"""Bring template changes into a project that was generated earlier and then edited.

Three versions of each file meet: the base (the project as scaffold last rendered
it, from the snapshot), the user's (the file on disk now) and the template's
(rendered anew from the installed tool with the recorded answers). A file only
one side changed takes that side; a file both changed is merged three ways, with
git-style conflict markers where both changed the same lines.

Everything read from the project is checked first (the answers by the rules of
`new`, the snapshot's member names as paths that stay inside the project), and
nothing is written through a symbolic link. Writing goes through a journal in
``.scaffold/pending/``: every new file is staged there and a plan is written
last, atomically; only then are the files moved into place, the answers file and
the merge base last of all. A run killed before the plan exists changed nothing;
one killed after it is finished by the next `update`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import answers, generator, paths, rendering, snapshot, vcs
from .errors import InvalidProjectFileError, UncommittedChangesError, UnresolvedConflictError
from .registry import Framework

ADDED, UPDATED, MERGED, CONFLICT, REMOVED = "added", "updated", "merged", "conflict", "removed"
# A file the template adds where the project has a file or folder in its way: left alone.
BLOCKED = "blocked"
PENDING_DIR = f"{snapshot.SNAPSHOT_DIR}/pending"
PLAN_FILE = "plan.json"
# The journal names its staged files by number, inside its own folder, and nothing else.
STAGED_NAME = re.compile(r"[0-9]{1,6}")
MAX_PLAN_SIZE = 4 * 1024 * 1024
# The labels a conflicted merge writes around the two sides.
LABELS = ("yours", "base", "template")
CONFLICT_START, CONFLICT_END = b"<<<<<<< " + LABELS[0].encode(), b">>>>>>> " + LABELS[2].encode()


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
    resumed: bool = False

    @property
    def conflicts(self) -> list[str]:
        return [change.path for change in self.changes if change.action == CONFLICT]

    @property
    def blocked(self) -> list[str]:
        return [change.path for change in self.changes if change.action == BLOCKED]


def update_project(project: Path, *, dry_run: bool = False, force: bool = False) -> UpdateResult:
    """Update ``project`` to the installed template; write nothing when ``dry_run``."""
    project = project.resolve()
    recorded, framework, checked = answers.load(project)
    if not dry_run and finish_interrupted(project, framework.local_files):
        resumed = True
        recorded, framework, checked = answers.load(project)  # the journal may have renewed it
    else:
        resumed = False
    base = snapshot.load(project)
    unresolved = unresolved_conflicts(project, base.files)
    if unresolved:
        raise UnresolvedConflictError(
            f"{_listed(unresolved)} in {project.name} still hold conflict markers from an earlier"
            " update; resolve them (keep what you want between <<<<<<< and >>>>>>>, delete the"
            " markers), then run 'scaffold update' again."
        )
    fingerprint = answers.fingerprint(framework.path)
    if fingerprint == recorded.template_fingerprint:
        return UpdateResult(project, framework.key, True, (), dry_run, resumed)
    if not dry_run and not force and vcs.has_uncommitted_changes(project):
        raise UncommittedChangesError(
            f"{project} has uncommitted changes; commit or stash them first so the update can"
            " be reviewed and undone, or pass --force."
        )

    with tempfile.TemporaryDirectory(prefix="scaffold-update-") as staging:
        rendered, context = rendering.render(framework, checked, Path(staging))
        new = snapshot.take(rendered, exclude=framework.local_files)
        changes = tuple(_plan(project, framework, base.files, new.files))
        # Only what the update writes or removes must be free of links; a link the
        # user made to a file the template left alone is none of its business.
        paths.refuse_links_for_all(project, [change.path for change in changes])
        if not dry_run:
            # A file left unwritten is no part of the base: a later template change adds it.
            blocked = {change.path for change in changes if change.action == BLOCKED}
            base_files = {name: data for name, data in new.files.items() if name not in blocked}
            generator.record_project(
                framework,
                rendered,
                context,
                base=snapshot.Snapshot(files=base_files),
                fingerprint=fingerprint,
            )
            own = {name: (rendered / name).read_bytes() for name in snapshot.OWN_FILES}
            _journal(project, changes, own)
            finish_interrupted(project, framework.local_files)
    return UpdateResult(project, framework.key, False, changes, dry_run, resumed)


def unresolved_conflicts(project: Path, names: Iterable[str]) -> list[str]:
    """The files among ``names`` that still hold the markers of a conflicted merge."""
    found = []
    for name in sorted(names):
        path = project / name
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as file:
            lines = {line.rstrip(b"\r\n") for line in file}
        if CONFLICT_START in lines and CONFLICT_END in lines:
            found.append(name)
    return found


def _listed(names: list[str]) -> str:
    """A few names for a sentence: ``a, b and 3 more``."""
    if len(names) <= 5:
        return ", ".join(names)
    return ", ".join(names[:5]) + f" and {len(names) - 5} more"


def _journal(project: Path, changes: tuple[FileChange, ...], own: dict[str, bytes]) -> None:
    """Stage every new file in the project, then write the plan: the point of no return."""
    pending = project / PENDING_DIR
    paths.refuse_links(project, PENDING_DIR)
    shutil.rmtree(pending, ignore_errors=True)
    pending.mkdir(parents=True)
    steps = []
    for number, change in enumerate(changes):
        if change.action == BLOCKED:
            continue
        staged = None
        if change.content is not None:
            staged = f"{number}"
            (pending / staged).write_bytes(change.content)
        steps.append({"path": change.path, "staged": staged})
    for number, (name, data) in enumerate(own.items(), start=len(changes)):
        (pending / f"{number}").write_bytes(data)
        steps.append({"path": name, "staged": f"{number}"})
    partial = pending / f"{PLAN_FILE}.partial"
    partial.write_text(json.dumps(steps), encoding="utf-8")
    os.replace(partial, pending / PLAN_FILE)


def finish_interrupted(project: Path, local_files: tuple[str, ...] = ()) -> bool:
    """Finish the journal an update left, if any; return whether there was one to finish.

    Without a plan the staged files are an update that never reached its point of
    no return: they are discarded and the project is as it was. The journal comes
    from the project, so it is untrusted input: ``.scaffold`` and its ``pending``
    folder must be real folders, and every entry of the plan is checked (see
    `_read_plan`) before anything is moved, removed or read.
    """
    paths.refuse_links(project, PENDING_DIR)
    pending = project / PENDING_DIR
    if not pending.is_dir():
        return False
    moves = _read_plan(project, local_files)
    if moves is None:
        shutil.rmtree(pending)
        return False
    for relative, staged in moves:
        if staged is None:
            paths.remove_file(project, relative)
        elif (pending / staged).is_file():  # gone: an earlier finish moved it already
            paths.refuse_links(project, relative)
            (project / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(pending / staged, project / relative)
    shutil.rmtree(pending)
    return True


def _read_plan(project: Path, local_files: tuple[str, ...]) -> list[tuple[str, str | None]] | None:
    """The plan's moves, each checked, or None when there is no plan.

    Refused with one sentence naming the entry: a plan that is not a list of
    ``{"path", "staged"}`` entries; a target that breaks the path rules, lies in
    ``.scaffold/`` (but the merge base) or is a local file such as ``.env``; a
    staged file that is not a plain numbered regular file of the journal's own folder.
    """
    plan = f"{PENDING_DIR}/{PLAN_FILE}"
    source = f"{plan} in {project.name}"
    try:
        steps = answers.load_json(paths.read_project_file(project, plan, limit=MAX_PLAN_SIZE))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InvalidProjectFileError(
            f"{source} cannot be read ({exc}); delete {PENDING_DIR} and run 'scaffold update'"
            " again."
        ) from exc
    if not isinstance(steps, list):
        _refuse_plan(source, "the plan", "is not a list of entries")
    moves = []
    for number, step in enumerate(steps, start=1):
        if not isinstance(step, dict) or set(step) != {"path", "staged"}:
            _refuse_plan(source, f"entry {number}", "is not a {'path', 'staged'} pair")
        target, staged = step["path"], step["staged"]
        if not isinstance(target, str) or not (staged is None or isinstance(staged, str)):
            _refuse_plan(source, f"entry {number}", "does not name its files as text")
        entry = f"entry {number} ({target!r})"
        paths.relative_path(target, source)
        if target in local_files:
            _refuse_plan(source, entry, "targets a local file, which an update never writes")
        if target.startswith(f"{snapshot.SNAPSHOT_DIR}/") and target not in snapshot.OWN_FILES:
            _refuse_plan(source, entry, f"targets scaffold's own folder {snapshot.SNAPSHOT_DIR}")
        if staged is not None:
            if not STAGED_NAME.fullmatch(staged):
                _refuse_plan(source, entry, f"takes {staged!r}, not a file of the journal's folder")
            try:
                mode = os.lstat(project / PENDING_DIR / staged).st_mode
            except FileNotFoundError:
                mode = None
            if mode is not None and not stat.S_ISREG(mode):
                _refuse_plan(source, entry, f"takes {staged!r}, which is not a regular file")
        moves.append((target, staged))
    return moves


def _refuse_plan(source: str, entry: str, reason: str) -> None:
    raise InvalidProjectFileError(
        f"{source}: {entry} {reason}; nothing was changed. Delete {PENDING_DIR} and run"
        " 'scaffold update' again."
    )


def _plan(
    project: Path, framework: Framework, base: Mapping[str, bytes], new: Mapping[str, bytes]
) -> list[FileChange]:
    source = f"{snapshot.SNAPSHOT_FILE} in {project.name}"
    skipped = set(snapshot.OWN_FILES) | set(framework.local_files)
    changes = []
    for path in sorted(set(base) | set(new)):
        paths.relative_path(path, source)
        if path in skipped or path.startswith(f"{snapshot.SNAPSHOT_DIR}/"):
            continue
        if base.get(path) == new.get(path):
            continue  # the template did not change this file
        # A file the update may write must not be a link, nor lie behind one.
        paths.refuse_links(project, path)
        target = project / path
        mine = target.read_bytes() if target.is_file() else None
        change = _decide(path, base.get(path), mine, new.get(path))
        if change is not None and change.content is not None and _in_the_way(project, path):
            change = FileChange(path, BLOCKED, None, change.diff)
        if change is not None:
            changes.append(change)
    return changes


def _in_the_way(project: Path, path: str) -> bool:
    """Whether something of the user's stands where ``path`` must be written.

    A folder where the template has a file, or a file where it needs a folder:
    the update leaves both alone and says so, rather than fail on every run.
    """
    target = project / path
    if target.is_dir() and not target.is_symlink():
        return True
    folders = [project / folder for folder in PurePosixPath(path).parents if str(folder) != "."]
    return any(folder.exists() and not folder.is_dir() for folder in folders)


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
    """Merge as git does; return the result and whether it is conflict-free.

    Without git, a file both sides changed gets whole-file conflict markers.
    """
    merged = vcs.merge_file(mine, base, theirs, labels=LABELS)
    if merged is None:
        return _whole_file_conflict(mine, theirs), False
    return merged


def _whole_file_conflict(mine: bytes, theirs: bytes) -> bytes:
    def ended(data: bytes) -> bytes:
        return data if data.endswith(b"\n") or not data else data + b"\n"

    return (
        CONFLICT_START + b"\n" + ended(mine) + b"=======\n" + ended(theirs) + CONFLICT_END + b"\n"
    )


def _diff(path: str, before: bytes | None, after: bytes | None) -> str:
    old = (before or b"").decode("utf-8", "replace").splitlines(keepends=True)
    new = (after or b"").decode("utf-8", "replace").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
