"""Fixtures shared by every test: an isolated home, the registry, a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import registry, render_cache

# Real PostgreSQL and ZEO servers for the tests that ask for them, and the run's one
# package download cache and shared environments (see database_servers.py).
from .database_servers import (  # noqa: F401
    postgresql_server,
    postgresql_url,
    run_root,
    shared_package_cache,
    zeo_address,
    zeo_available,
)
from .helpers import FIXTURES, FRAMEWORKS


@pytest.fixture(scope="session")
def scaffold_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's own `$SCAFFOLD_CACHE_DIR`, one for every xdist worker: compiled templates
    and the measured environments, which the end-to-end tests share (`shared_environment`)."""
    folder = run_root(tmp_path_factory) / "scaffold-cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, scaffold_cache: Path
):
    """Point HOME at an empty temporary directory so no test reads or writes the real one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv(render_cache.CACHE_ENV, str(scaffold_cache))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.delenv("COOKIECUTTER_CONFIG", raising=False)
    monkeypatch.delenv(registry.TEMPLATES_ENV, raising=False)
    return home


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def comparison(tmp_path_factory: pytest.TempPathFactory):
    """The static comparison of every template, made once for the run (see test_compare_*)."""
    from scaffold.compare import core

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
        return core.compare(FRAMEWORKS.values())


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, installed-looking copy of the tiny template (tests/fixtures/tiny)."""
    copy = tmp_path / "templates"
    shutil.copytree(FIXTURES / "tiny", copy)
    monkeypatch.setenv(registry.TEMPLATES_ENV, str(copy))
    return copy


@pytest.fixture
def project(templates: Path, tmp_path: Path) -> Path:
    """A project generated from the tiny template, which a test may then "upgrade"."""
    from scaffold import generator

    return generator.generate(registry.get("tiny"), "demo", tmp_path / "out").path
