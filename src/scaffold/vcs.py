"""Git, when it is installed: a new project's repository, and the state of a work tree.

scaffold commits only into a repository it created in the same run, and only the
files it wrote; everything else git-related is read-only.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FALLBACK_IDENTITY = ("-c", "user.name=scaffold", "-c", "user.email=scaffold@localhost")


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str] | None:
    git = shutil.which("git")
    if git is None:
        return None
    return subprocess.run(
        [git, "-C", str(cwd), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def available() -> bool:
    """Whether git is on PATH."""
    return shutil.which("git") is not None


def inside_work_tree(path: Path) -> bool:
    """Whether ``path`` already lies inside a git work tree."""
    completed = _git("rev-parse", "--is-inside-work-tree", cwd=path)
    if completed is None or completed.returncode != 0:
        return False
    return completed.stdout.strip() == "true"


def has_uncommitted_changes(path: Path) -> bool:
    """Whether the git work tree around ``path`` has changes below it that are not committed.

    False outside a work tree or without git: there is nothing to protect then.
    """
    if not inside_work_tree(path):
        return False
    completed = _git("status", "--porcelain", "--", ".", cwd=path)
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

    def run(*args: str) -> None:
        completed = _git(*args, cwd=project)
        if completed is None or completed.returncode != 0:
            raise subprocess.CalledProcessError(1, ["git", *args])

    try:
        run("init", "--quiet")
        run("add", "--all")
        extra = () if _has_identity(project) else FALLBACK_IDENTITY
        run(*extra, "commit", "--quiet", "--no-verify", "-m", message)
    except subprocess.CalledProcessError:
        shutil.rmtree(project / ".git", ignore_errors=True)
        return 0
    listed = _git("ls-files", "-z", cwd=project)
    return listed.stdout.count("\0") if listed is not None else 0


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
        completed = subprocess.run(
            [git, "merge-file", "-p", *marks, *paths], capture_output=True, stdin=subprocess.DEVNULL
        )
    if completed.returncode < 0 or completed.returncode > 127:
        return None  # git failed (not a count of conflicts): merge by hand instead
    return completed.stdout, completed.returncode == 0


def _has_identity(project: Path) -> bool:
    completed = _git("config", "user.email", cwd=project)
    return completed is not None and completed.returncode == 0 and bool(completed.stdout.strip())
