"""`scaffold.render_cache`: compiled templates are kept, and change nothing that is written."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import pytest
from jinja2 import FileSystemBytecodeCache

from scaffold import cache, generator, render_cache

from .helpers import FRAMEWORKS, tree


def render(into: Path) -> dict[str, tuple[bytes, int]]:
    """The Django starter's files (its secrets file aside: it is random each time)."""
    framework = FRAMEWORKS["django"]
    project = generator.generate(framework, "demo", into, record=False)
    return tree(project.path, exclude=frozenset(framework.local_files))


@pytest.fixture
def dumps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The compiled templates written to the cache, by cache key."""
    written: list[str] = []
    real = FileSystemBytecodeCache.dump_bytecode

    def dump(self: FileSystemBytecodeCache, bucket) -> None:  # type: ignore[no-untyped-def]
        written.append(bucket.key)
        real(self, bucket)

    monkeypatch.setattr(FileSystemBytecodeCache, "dump_bytecode", dump)
    return written


def test_templates_are_compiled_once_and_the_output_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dumps: list[str]
) -> None:
    monkeypatch.setenv(render_cache.CACHE_ENV, str(tmp_path / "cache"))
    first = render(tmp_path / "first")
    assert dumps, "the first rendering fills the cache"
    assert sorted(p.name for p in (tmp_path / "cache" / "jinja2").iterdir()) == sorted(
        f"__jinja2_{key}.cache" for key in set(dumps)
    )
    dumps.clear()
    second = render(tmp_path / "second")
    assert dumps == [], "the second rendering compiles no template file again"
    monkeypatch.setattr(render_cache, "jinja2_env_vars", dict)  # no cache at all
    assert first == second == render(tmp_path / "uncached")


def test_a_damaged_cache_entry_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dumps: list[str]
) -> None:
    monkeypatch.setenv(render_cache.CACHE_ENV, str(tmp_path / "cache"))
    expected = render(tmp_path / "first")
    entries = list((tmp_path / "cache" / "jinja2").iterdir())
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:40])  # cut short, as by a full disk
    dumps.clear()
    assert render(tmp_path / "second") == expected
    assert len(dumps) == len(entries)


def test_without_a_setting_the_cache_is_jinja2s_own_folder_outside_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    monkeypatch.delenv(render_cache.CACHE_ENV, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    cache = render_cache.bytecode_cache()
    assert isinstance(cache, FileSystemBytecodeCache)
    folder = Path(cache.directory)
    assert folder.parent == tmp_path and not folder.is_relative_to(isolated_home)
    if os.name != "nt":
        assert folder.stat().st_mode & 0o777 == 0o700, "only this user may open it"


@pytest.mark.skipif(os.name == "nt", reason="Jinja2 checks the folder on POSIX only")
def test_a_cache_folder_someone_else_could_have_made_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(render_cache.CACHE_ENV, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / f"_jinja2-cache-{os.getuid()}").symlink_to(elsewhere)
    assert render_cache.bytecode_cache() is None
    assert render(tmp_path / "out"), "rendering goes on without a cache"
    assert list(elsewhere.iterdir()) == []


def test_a_cache_that_cannot_be_made_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "jinja2").write_text("a file where the folder would be")
    monkeypatch.setenv(render_cache.CACHE_ENV, str(tmp_path / "cache"))
    with pytest.warns(cache.CacheFolderWarning, match="cannot be used"):
        assert render_cache.jinja2_env_vars() == {}
    assert render(tmp_path / "out")


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_cache_folder_others_may_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    """A compiled template planted in a shared folder would run: the folder is skipped."""
    shared = tmp_path / "shared"
    (shared / "jinja2").mkdir(parents=True)
    (shared / "jinja2").chmod(mode)
    monkeypatch.setenv(render_cache.CACHE_ENV, str(shared))
    monkeypatch.setattr(cache, "_warned", set())
    with pytest.warns(cache.CacheFolderWarning, match="others may write"):
        assert render_cache.bytecode_cache() is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert render_cache.bytecode_cache() is None  # said once only


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_shared_cache_root_is_not_used_for_environments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv(render_cache.CACHE_ENV, str(shared))
    monkeypatch.setattr(cache, "_warned", set())
    with pytest.warns(cache.CacheFolderWarning):
        assert cache.private_folder("envs") is None
    assert not (shared / "envs").exists()


def test_the_cli_shows_a_cache_warning_as_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    env = {**os.environ, render_cache.CACHE_ENV: str(shared), "HOME": str(tmp_path)}
    command = ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--yes", "--no-git"]
    completed = subprocess.run(
        [sys.executable, "-m", "scaffold", *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    warning_lines = [line for line in completed.stderr.splitlines() if "Warning:" in line]
    assert len(warning_lines) == 1, completed.stderr
    assert "others may write" in warning_lines[0]
    assert "Traceback" not in completed.stderr
