"""Git, when it is installed: a new project's repository, and the state of a work tree.

scaffold commits only into a repository it created in the same run, and only the
files it wrote; everything else git-related is read-only.

A project's repository may come from anywhere (a shared folder, an archive with
its ``.git``), and its configuration can name commands that git runs on its own:
an fsmonitor, hooks, clean and smudge filters. Every git command scaffold runs
turns those off, and none may run longer than `TIMEOUT` seconds.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .errors import GitTimeoutError
from .runtime import processes

FALLBACK_IDENTITY = ("-c", "user.name=scaffold", "-c", "user.email=scaffold@localhost")
TIMEOUT = 60.0
# The settings by which a repository's configuration makes git run a command.
NO_COMMANDS = ("-c", "core.fsmonitor=false", "-c", f"core.hooksPath={os.devnull}")
FILTER_KEY = re.compile(r"^filter\.(.+)\.(?:clean|smudge|process)$")


def _git(*args: str, cwd: Path) -> processes.Completed | None:
    git = shutil.which("git")
    if git is None:
        return None
    return _run([git, *NO_COMMANDS, *_no_filters(git, cwd), "-C", str(cwd), *args])


def _run(command: list[str]) -> processes.Completed:
    completed = processes.capture(command, timeout=TIMEOUT)
    if completed.status is None:
        raise GitTimeoutError(
            f"'git {command[-1]}' ran longer than {TIMEOUT:.0f} s; run it yourself to see why."
        )
    return completed


def _no_filters(git: str, cwd: Path) -> list[str]:
    """``-c`` settings that empty every filter driver the repository configures.

    Reading the configuration runs nothing; an empty filter command is no filter.
    """
    listed = _run(
        [git, *NO_COMMANDS, "-C", str(cwd), "config", "--name-only", "--get-regexp", "^filter"]
    )
    drivers = {m.group(1) for line in listed.stdout.splitlines() if (m := FILTER_KEY.match(line))}
    return [
        part
        for driver in sorted(drivers)
        for key in ("clean", "smudge", "process")
        for part in ("-c", f"filter.{driver}.{key}=")
    ]


def available() -> bool:
    """Whether git is on PATH."""
    return shutil.which("git") is not None


def inside_work_tree(path: Path) -> bool:
    """Whether ``path`` already lies inside a git work tree."""
    completed = _git("rev-parse", "--is-inside-work-tree", cwd=path)
    if completed is None or completed.status != 0:
        return False
    return completed.stdout.strip() == "true"


def has_uncommitted_changes(path: Path) -> bool:
    """Whether the git work tree around ``path`` has changes below it that are not committed.

    False outside a work tree or without git: there is nothing to protect then.
    """
    if not inside_work_tree(path):
        return False
    completed = _git("status", "--porcelain", "--ignore-submodules=all", "--", ".", cwd=path)
    return completed is not None and bool(completed.stdout.strip())


def commit_new_repository(project: Path, message: str) -> int:
    """Make ``project`` a new git repository with one commit of every file in it.

    The caller decides that a repository may be created here (scaffold creates
    one only for a project it is writing, outside any other work tree). Returns
    how many files the commit holds (the project's ``.gitignore`` keeps local
    files such as ``.env`` out), or 0, leaving no ``.git``, when git is missing
    or fails. Without a configured identity the commit is signed ``scaffold`` so
    that it never fails on a fresh machine.
    """
    if not available():
        return 0

    def run(*args: str) -> bool:
        completed = _git(*args, cwd=project)
        return completed is not None and completed.status == 0

    extra = () if _has_identity(project) else FALLBACK_IDENTITY
    if not (
        run("init", "--quiet")
        and run("add", "--all")
        and run(*extra, "commit", "--quiet", "--no-verify", "-m", message)
    ):
        shutil.rmtree(project / ".git", ignore_errors=True)
        return 0
    listed = _git("ls-files", "-z", cwd=project)
    return listed.stdout.count("\0") if listed is not None else 0


def tracked_files(project: Path) -> frozenset[str]:
    """The files git tracks in the repository at ``project`` (none without git)."""
    listed = _git("ls-files", "-z", cwd=project)
    if listed is None or listed.status != 0:
        return frozenset()
    return frozenset(path for path in listed.stdout.split("\0") if path)


def merge_file(
    mine: bytes, base: bytes, theirs: bytes, *, labels: tuple[str, str, str]
) -> tuple[bytes, bool] | None:
    """``git merge-file``: the three-way merge and whether it is clean; None without git."""
    import tempfile

    git = shutil.which("git")
    if git is None:
        return None
    with tempfile.TemporaryDirectory(prefix="scaffold-merge-") as folder:
        paths = []
        for name, data in zip(("mine", "base", "theirs"), (mine, base, theirs), strict=True):
            path = Path(folder, name)
            path.write_bytes(data)
            paths.append(str(path))
        marks = [part for label in labels for part in ("-L", label)]
        completed = processes.capture(
            [git, *NO_COMMANDS, "merge-file", "-p", *marks, *paths],
            timeout=TIMEOUT,
            cwd=Path(folder),  # outside any repository: no project setting applies
        )
    if completed.status is None or not 0 <= completed.status <= 127:
        return None  # git failed (not a count of conflicts): merge by hand instead
    # Read as UTF-8 with surrogateescape by the runner: these are the bytes git wrote.
    return completed.stdout.encode("utf-8", "surrogateescape"), completed.status == 0


def _has_identity(project: Path) -> bool:
    completed = _git("config", "user.email", cwd=project)
    return completed is not None and completed.status == 0 and bool(completed.stdout.strip())
