"""Shared template files are real copies, identical to their original in templates/_shared/.

Each template names the shared files it takes (``_scaffold.shared``);
templates/_shared/destinations.json says where each goes, once for all.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

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
        and path.name not in sync_shared.NOT_COPIED
        and "__pycache__" not in path.parts
    }
    assert on_disk <= listed


def test_every_shared_file_has_one_destination() -> None:
    names = {
        path.relative_to(sync_shared.SHARED).as_posix()
        for path in sync_shared.SHARED.rglob("*")
        if path.is_file()
        and path.name not in sync_shared.NOT_COPIED
        and "__pycache__" not in path.parts
    }
    assert set(sync_shared.destinations()) == names


def test_a_template_that_holds_a_shared_file_says_it_takes_it() -> None:
    """A copy the template does not name in ``shared`` would silently stop being refreshed."""
    originals = {
        path.read_bytes(): path.name
        for path in sync_shared.SHARED.rglob("*")
        if path.is_file() and path.name not in sync_shared.NOT_COPIED
    }
    declared = {copy for _original, copy in sync_shared.copies()}
    undeclared = [
        path.relative_to(sync_shared.TEMPLATES).as_posix()
        for template in sync_shared.templates()
        for path in template.rglob("*")
        if path.is_file() and path not in declared and originals.get(path.read_bytes())
    ]
    assert undeclared == []


def test_a_template_may_give_a_shared_file_its_own_path() -> None:
    taken = dict(sync_shared.taken(sync_shared.TEMPLATES / "turbogears"))
    assert taken["style.css"].endswith("/public/static/style.css")
    assert taken["gitignore"] == sync_shared.destinations()["gitignore"]


@pytest.mark.parametrize("entry", ["nope.txt", "README.md", {"nope.txt": "x/nope.txt"}])
def test_an_unknown_shared_name_is_refused(tmp_path: Path, entry: object) -> None:
    config = {"_scaffold": {"shared": ["gitignore", entry]}}
    (tmp_path / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(sync_shared.SharedFileError, match="is not a file of templates/_shared"):
        sync_shared.taken(tmp_path)
