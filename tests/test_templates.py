"""Bake tests: every template renders, leaves no template code, compiles and lints clean."""

from __future__ import annotations

import json
import py_compile
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold import registry
from scaffold.errors import InvalidNameError
from scaffold.names import check_package
from scaffold.report import render_path

from .conftest import FRAMEWORKS, framework_params

TEMPLATES_ROOT = next(iter(FRAMEWORKS.values())).path.parent
CONTEXTS = {
    "defaults": {},
    "custom": {
        "project_name": "Blog Demo",
        "project_slug": "blog-demo",
        "package_name": "blog_demo",
        "description": "Notes and greetings, d\u00e9j\u00e0 vu.",
        "author": "Ada Lovelace",
    },
}


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture(params=list(CONTEXTS), ids=list(CONTEXTS))
def context(request: pytest.FixtureRequest) -> dict[str, str]:
    return CONTEXTS[request.param]


@pytest.mark.parametrize("framework", framework_params())
def test_bake_renders_clean(cookies, framework: registry.Framework, context) -> None:
    result = cookies.bake(template=str(framework.path), extra_context=context)
    assert result.exit_code == 0, result.exception
    project = Path(result.project_path)
    files = _files(project)
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "cookiecutter." not in text, f"unrendered variable in {path}"
        if path.suffix == ".py":
            py_compile.compile(str(path), doraise=True)
    assert (project / "wsgi.py").is_file()
    assert (project / "pyproject.toml").is_file()
    assert (project / "README.md").is_file()
    assert (project / ".gitignore").is_file()
    assert list((project / "tests").glob("test_*.py"))


@pytest.mark.parametrize("framework", framework_params())
def test_baked_project_passes_ruff(cookies, framework: registry.Framework) -> None:
    result = cookies.bake(template=str(framework.path), extra_context=CONTEXTS["custom"])
    project = Path(result.project_path)
    for args in (["check", "--no-cache", "."], ["format", "--no-cache", "--check", "."]):
        completed = subprocess.run(
            [sys.executable, "-m", "ruff", *args],
            cwd=project,
            capture_output=True,
            text=True,
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize("framework", framework_params())
def test_metadata_describes_every_generated_file(cookies, framework: registry.Framework) -> None:
    result = cookies.bake(template=str(framework.path), extra_context=CONTEXTS["custom"])
    project = Path(result.project_path)
    generated = {p.relative_to(project).as_posix() for p in _files(project)}
    described = {render_path(path, "blog_demo") for path in framework.files}
    assert described == generated
    for route_file in framework.routes.values():
        assert render_path(route_file, "blog_demo") in generated


@pytest.mark.parametrize("framework", framework_params())
def test_pre_gen_hook_refuses_a_bad_package_name(cookies, framework: registry.Framework) -> None:
    result = cookies.bake(template=str(framework.path), extra_context={"package_name": "not-valid"})
    assert result.exit_code != 0
    assert "FailedHookException" in type(result.exception).__name__


@pytest.mark.parametrize("framework", framework_params())
def test_pre_gen_hook_refuses_the_framework_name(cookies, framework: registry.Framework) -> None:
    shadowing = framework.reserved_names[0]
    result = cookies.bake(template=str(framework.path), extra_context={"package_name": shadowing})
    assert result.exit_code != 0


def test_root_index_matches_each_template() -> None:
    """``templates/cookiecutter.json`` offers every template to plain cookiecutter."""
    index = json.loads((TEMPLATES_ROOT / "cookiecutter.json").read_text())
    listed = {entry["path"].strip("./"): entry for entry in index["templates"].values()}
    assert set(listed) == set(FRAMEWORKS)
    for key, framework in FRAMEWORKS.items():
        assert listed[key]["title"] == framework.title
        assert listed[key]["description"] == f"{framework.category}: {framework.summary}"


@pytest.mark.parametrize("framework", framework_params())
@pytest.mark.parametrize("package", ["json", "class", "tests", "wsgi", "app-1", "_reserved_"])
def test_scaffold_refuses_what_the_validation_hook_refuses(
    cookies, framework: registry.Framework, package: str
) -> None:
    """scaffold skips a validation-only hook, so its own checks must refuse the same names."""
    if package == "_reserved_":
        package = framework.reserved_names[0]
    result = cookies.bake(template=str(framework.path), extra_context={"package_name": package})
    assert result.exit_code != 0, f"the hook accepted {package!r}"
    with pytest.raises(InvalidNameError):
        check_package(package, framework.reserved_names)
