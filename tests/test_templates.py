"""Bake tests: every template renders, leaves no template code, compiles and lints clean."""

from __future__ import annotations

import itertools
import json
import py_compile
import subprocess
import sys
from pathlib import Path

import pytest
from cookiecutter.exceptions import FailedHookException

from scaffold import generator, registry
from scaffold.errors import InvalidNameError
from scaffold.names import check_package
from scaffold.questions import questions
from scaffold.registry import rendered_path

from .helpers import FRAMEWORKS, framework_params

TEMPLATES_ROOT = next(iter(FRAMEWORKS.values())).path.parent
CUSTOM = {
    "project_name": "Blog Demo",
    "project_slug": "blog-demo",
    "package_name": "blog_demo",
    "description": "Notes and greetings, d\u00e9j\u00e0 vu.",
    "author": "Ada Lovelace",
}


def option_combinations(framework: registry.Framework) -> list[dict[str, object]]:
    """Every combination of the template's choice and yes/no variables."""
    options = {
        question.key: list(question.choices) if question.is_choice else [True, False]
        for question in questions(framework)
        if question.is_choice or isinstance(question.default, bool)
    }
    combinations = itertools.product(*options.values())
    return [dict(zip(options, values, strict=True)) for values in combinations]


def bake_params() -> list:
    """One param per template and option combination, named like 'django-postgresql-nodeploy'."""
    params = []
    for key, framework in FRAMEWORKS.items():
        for options in option_combinations(framework):
            words = [
                (name if value else f"no{name}") if isinstance(value, bool) else str(value)
                for name, value in options.items()
            ]
            params.append(pytest.param(framework, options, id="-".join([key, *words])))
    return params


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _bake(cookies, framework: registry.Framework, context: dict[str, object]) -> Path:
    result = cookies.bake(template=str(framework.path), extra_context=context)
    assert result.exit_code == 0, result.exception
    return Path(result.project_path)


@pytest.mark.parametrize(("framework", "options"), bake_params())
def test_bake_renders_clean(cookies, framework: registry.Framework, options) -> None:
    for context in ({**options}, {**CUSTOM, **options}):
        project = _bake(cookies, framework, context)
        files = _files(project)
        assert files
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "cookiecutter." not in text, f"unrendered variable in {path}"
            if path.suffix == ".py":
                py_compile.compile(str(path), doraise=True)
        # The entry point of each interface the template declares (wsgi.py, asgi.py).
        entries = [f"{entry.split(':')[0]}.py" for entry in framework.interface.values()]
        for required in (*entries, "pyproject.toml", "README.md", ".gitignore", ".env.example"):
            assert (project / required).is_file(), required
        assert list((project / "tests").glob("test_*.py"))


@pytest.mark.parametrize(("framework", "options"), bake_params())
def test_baked_project_passes_ruff(cookies, framework: registry.Framework, options) -> None:
    project = _bake(cookies, framework, {**CUSTOM, **options})
    for args in (["check", "--no-cache", "."], ["format", "--no-cache", "--check", "."]):
        completed = subprocess.run(
            [sys.executable, "-m", "ruff", *args],
            cwd=project,
            capture_output=True,
            text=True,
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize(("framework", "options"), bake_params())
def test_rendering_twice_gives_the_same_files_but_local_ones(
    cookies, framework: registry.Framework, options, tmp_path: Path
) -> None:
    """No random value (a secret) lands in a committed file: only local files differ."""
    first = generator.generate(framework, "blog-demo", tmp_path / "one", extra=options)
    second = generator.generate(framework, "blog-demo", tmp_path / "two", extra=options)
    local = set(framework.local_files)
    assert local <= set(first.files)

    def contents(root: Path) -> dict[str, bytes]:
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in _files(root)
            if path.relative_to(root).as_posix() not in local
        }

    assert contents(first.path) == contents(second.path)
    # An option that is off leaves no empty folder behind (scaffold removes them).
    assert not [p for p in first.path.rglob("*") if p.is_dir() and not any(p.iterdir())]
    for name in local:
        assert (first.path / name).read_bytes() != (second.path / name).read_bytes(), (
            f"{name} should hold a secret generated for each project"
        )


@pytest.mark.parametrize("framework", framework_params())
def test_metadata_describes_every_generated_file(cookies, framework: registry.Framework) -> None:
    described = {rendered_path(path, "blog_demo") for path in framework.files}
    generated: set[str] = set()
    for options in option_combinations(framework):
        project = _bake(cookies, framework, {**CUSTOM, **options})
        files = {p.relative_to(project).as_posix() for p in _files(project)}
        assert files <= described, f"{options}: no note for {sorted(files - described)}"
        generated |= files
    assert described == generated, f"notes for files never generated: {described - generated}"
    for route_file in framework.routes.values():
        assert rendered_path(route_file, "blog_demo") in generated


def _refused_by_the_hook(cookies, framework: registry.Framework, package: str, capfd) -> str:
    """Bake with ``package``; assert the pre-generation hook refused it; return its reason."""
    result = cookies.bake(template=str(framework.path), extra_context={"package_name": package})
    assert isinstance(result.exception, FailedHookException), f"the hook accepted {package!r}"
    assert result.exit_code == -1
    return capfd.readouterr().err


@pytest.mark.parametrize("framework", framework_params())
def test_pre_gen_hook_refuses_a_bad_package_name(
    cookies, framework: registry.Framework, capfd
) -> None:
    reason = _refused_by_the_hook(cookies, framework, "not-valid", capfd)
    assert "'not-valid' is not a valid package name" in reason


@pytest.mark.parametrize("framework", framework_params())
def test_pre_gen_hook_refuses_the_framework_name(
    cookies, framework: registry.Framework, capfd
) -> None:
    shadowing = framework.reserved_names[0]
    reason = _refused_by_the_hook(cookies, framework, shadowing, capfd)
    assert f"{shadowing!r} would shadow the module of the same name" in reason


def test_pre_gen_hook_reserves_the_same_names_as_scaffold() -> None:
    """The hook keeps plain cookiecutter safe; its rules must be names.py's, in full."""
    import ast

    from scaffold import names

    hook = (TEMPLATES_ROOT / "_shared" / "hooks" / "pre_gen_project.py").read_text()
    assigned = {
        node.targets[0].id: node.value
        for node in ast.parse(hook).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    assert ast.literal_eval(assigned["PROJECT_NAMES"]) == set(names.ALWAYS_RESERVED)
    assert names.PACKAGE_PATTERN.pattern in hook
    assert "keyword.iskeyword(PACKAGE)" in hook and "sys.stdlib_module_names" in hook


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
    cookies, framework: registry.Framework, package: str, capfd
) -> None:
    """scaffold skips a validation-only hook, so its own checks must refuse the same names."""
    if package == "_reserved_":
        package = framework.reserved_names[0]
    _refused_by_the_hook(cookies, framework, package, capfd)
    with pytest.raises(InvalidNameError):
        check_package(package, framework.reserved_names)
