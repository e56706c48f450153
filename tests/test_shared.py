"""Shared template files are real copies, identical to their original in templates/_shared/."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("sync_shared", ROOT / "tools" / "sync_shared.py")
assert _spec and _spec.loader
sync_shared = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sync_shared)


def test_every_copy_matches_its_shared_original() -> None:
    stale = [copy.relative_to(sync_shared.TEMPLATES).as_posix() for copy in sync_shared.stale()]
    assert stale == [], "run 'python tools/sync_shared.py' to refresh these copies"


def test_templates_hold_no_symlinks() -> None:
    links = [
        Path(folder, name)
        for folder, dirs, files in os.walk(sync_shared.TEMPLATES)
        for name in dirs + files
        if Path(folder, name).is_symlink()
    ]
    assert links == []


def test_every_shared_file_is_copied_somewhere() -> None:
    listed = {original for original, _copy in sync_shared.copies()}
    on_disk = {
        path
        for path in sync_shared.SHARED.rglob("*")
        if path.is_file()
        and path.name not in ("README.md", "copies.json", "files.json", "options.json")
        and "__pycache__" not in path.parts
    }
    assert on_disk <= listed
