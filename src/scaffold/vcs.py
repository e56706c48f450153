"""Git for a new project: one repository and one first commit, when git is there."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FALLBACK_IDENTITY = ("-c", "user.name=scaffold", "-c", "user.email=scaffold@localhost")


def inside_work_tree(path: Path) -> bool:
    """Whether ``path`` already lies inside a git work tree."""
    git = shutil.which("git")
    if git is None:
        return False
    completed = subprocess.run(
        [git, "-C", str(path), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        text=True,
    )
    return completed.returncode == 0 and completed.stdout.strip() == "true"


def init_repository(project: Path, message: str) -> bool:
    """Make ``project`` a git repository with one commit of every file.

    Returns False, and changes nothing, when git is missing or the project already
    lies inside a work tree. Without a configured identity the commit is signed
    ``scaffold`` so that it never fails on a fresh machine.
    """
    git = shutil.which("git")
    if git is None or inside_work_tree(project.parent):
        return False

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [git, "-C", str(project), *args], capture_output=True, text=True, check=True
        )

    try:
        run("init", "--quiet")
        run("add", "--all")
        extra = () if _has_identity(git, project) else FALLBACK_IDENTITY
        run(*extra, "commit", "--quiet", "--no-verify", "-m", message)
    except subprocess.CalledProcessError:
        shutil.rmtree(project / ".git", ignore_errors=True)
        return False
    return True


def _has_identity(git: str, project: Path) -> bool:
    completed = subprocess.run(
        [git, "-C", str(project), "config", "user.email"], capture_output=True, text=True
    )
    return completed.returncode == 0 and bool(completed.stdout.strip())
