from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from scaffold import answers, generator, registry, rendering, snapshot
from scaffold.errors import (
    GenerationError,
    InvalidAnswerError,
    InvalidNameError,
    OutputDirError,
    ProjectExistsError,
)
from scaffold.questions import convert_answers, questions

from .helpers import FIXTURES, framework_params, tree

FLASK = registry.get("flask")


def _tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def test_generate_writes_a_project_and_its_answers(tmp_path: Path) -> None:
    project = generator.generate(FLASK, "blog-demo", tmp_path)
    assert project.path == tmp_path / "blog-demo"
    assert (project.path / "wsgi.py").is_file()
    assert (project.path / "blog_demo" / "__init__.py").is_file()
    assert ".scaffold.json" in project.files
    recorded = answers.read(project.path)
    assert recorded.framework == "flask"
    assert recorded.answers["project_name"] == "Blog Demo"
    assert recorded.answers["package_name"] == "blog_demo"
    assert recorded.template_fingerprint == answers.fingerprint(FLASK.path)


def _secrets(project: Path) -> list[str]:
    """The values ``.env`` gives the variables that ``.env.example`` leaves empty: its secrets."""
    empty = {
        line.split("=", 1)[0]
        for line in (project / ".env.example").read_text().splitlines()
        if line.strip() and not line.startswith("#") and line.split("=", 1)[1].strip() == ""
    }
    values = dict(
        line.split("=", 1)
        for line in (project / ".env").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    # A setting both files leave empty (web2py's PY4WEB_DEBUG=) is no secret.
    return [values[n].strip() for n in sorted(empty) if n in values and values[n].strip()]


@pytest.mark.parametrize("framework", framework_params())
def test_secrets_stay_in_the_local_env_file(tmp_path: Path, framework: registry.Framework) -> None:
    import gzip

    project = generator.generate(framework, "demo", tmp_path)
    secrets = _secrets(project.path)
    assert secrets and all(len(secret) >= 32 for secret in secrets)
    base = gzip.decompress((project.path / ".scaffold" / "base.tar.gz").read_bytes())
    for secret in secrets:
        assert secret not in (project.path / ".scaffold.json").read_text()
        assert secret.encode() not in base
        for path in project.path.rglob("*"):
            if path.is_file() and path.name != ".env":
                assert secret.encode() not in path.read_bytes(), path
    # The file that holds them is its owner's alone.
    assert (project.path / ".env").stat().st_mode & 0o777 == 0o600


def test_each_project_gets_its_own_secret(tmp_path: Path) -> None:
    first = generator.generate(FLASK, "one", tmp_path)
    second = generator.generate(FLASK, "two", tmp_path)
    assert _secrets(first.path) != _secrets(second.path)


def test_leaves_no_staging_directory(tmp_path: Path) -> None:
    generator.generate(FLASK, "demo", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["demo"]


def test_existing_target_is_refused_and_untouched(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "mine.txt").write_text("keep me")
    with pytest.raises(ProjectExistsError, match="--force"):
        generator.generate(FLASK, "demo", tmp_path)
    assert _tree(tmp_path / "demo") == ["mine.txt"]


def test_force_keeps_the_users_own_files(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    (target / "wsgi.py").write_text("# old")
    project = generator.generate(FLASK, "demo", tmp_path, force=True)
    assert (target / "notes.txt").read_text() == "mine"
    assert (target / "wsgi.py").read_text() == "# old", "a file with other content is kept"
    assert project.kept == ("wsgi.py",)
    assert "wsgi.py" not in project.files
    assert (target / "demo" / "views.py").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["demo"]


def test_unwritable_output_dir_is_reported(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocker = tmp_path / "a-file"
        blocker.write_text("")
        output = blocker / "sub"  # a directory cannot be made inside a file
    else:
        output = tmp_path / "locked"
        output.mkdir(mode=0o500)
    with pytest.raises(OutputDirError, match="Cannot write to"):
        generator.generate(FLASK, "demo", output)


def test_failing_hook_leaves_nothing(tmp_path: Path) -> None:
    hooky = registry.discover(FIXTURES / "failing-hook")["hooky"]
    with pytest.raises(GenerationError, match="nothing was written"):
        generator.generate(hooky, "demo", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_interrupt_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cookiecutter.generate

    real = cookiecutter.generate.generate_files

    def interrupted(**kwargs):
        real(**kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(cookiecutter.generate, "generate_files", interrupted)
    with pytest.raises(KeyboardInterrupt):
        generator.generate(FLASK, "demo", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_name_that_is_template_code_is_never_evaluated(tmp_path: Path) -> None:
    with pytest.raises(InvalidNameError, match="template code"):
        generator.generate(FLASK, "{{ 7*7 }}", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_user_cookiecutter_config_is_ignored(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rc = isolated_home / ".cookiecutterrc"
    rc.write_text('default_context:\n  author: "Someone Else"\n')
    monkeypatch.setenv("COOKIECUTTER_CONFIG", str(rc))
    project = generator.generate(FLASK, "demo", tmp_path / "out")
    assert answers.read(project.path).answers["author"] == "Your Name"


def test_nothing_is_written_to_home(tmp_path: Path, isolated_home: Path) -> None:
    generator.generate(FLASK, "demo", tmp_path)
    assert list(isolated_home.iterdir()) == []


def test_set_answers_are_converted_and_checked() -> None:
    assert convert_answers(FLASK, {"author": "Ada"}) == {"author": "Ada"}
    with pytest.raises(InvalidAnswerError, match="Variables --set takes: project_name"):
        convert_answers(FLASK, {"colour": "blue"})
    with pytest.raises(InvalidAnswerError, match="template code"):
        convert_answers(FLASK, {"description": "{{ 7*7 }}"})


@pytest.mark.parametrize(
    ("package", "reason"),
    [("json", "standard-library module 'json'"), ("my-app", "valid Python package name")],
)
def test_set_package_name_is_validated_as_written(
    tmp_path: Path, package: str, reason: str
) -> None:
    with pytest.raises(InvalidNameError, match=reason):
        generator.generate(FLASK, "demo", tmp_path, extra={"package_name": package})
    assert list(tmp_path.iterdir()) == []


def test_questions_follow_the_template() -> None:
    keys = [q.key for q in questions(FLASK)]
    assert keys[:3] == ["project_name", "project_slug", "package_name"]
    assert not any(key.startswith("_") for key in keys)


def test_generated_answers_file_is_valid_json(tmp_path: Path) -> None:
    project = generator.generate(FLASK, "demo", tmp_path, extra={"author": "Ada"})
    data = json.loads((project.path / ".scaffold.json").read_text())
    assert data["answers"]["author"] == "Ada"
    assert "do not edit by hand" in data["_comment"].lower()


def test_a_validation_only_hook_is_checked_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cookiecutter.hooks

    def no_hooks(*args, **kwargs):
        raise AssertionError("scaffold validated the answers itself; no hook should run")

    monkeypatch.setattr(cookiecutter.hooks, "run_script", no_hooks)
    assert not rendering.needs_hooks(FLASK)
    generator.generate(FLASK, "demo", tmp_path)


def test_other_hooks_still_run() -> None:
    hooky = registry.discover(FIXTURES / "failing-hook")["hooky"]
    assert rendering.needs_hooks(hooky)


def test_set_project_slug_cannot_move_the_project(tmp_path: Path) -> None:
    with pytest.raises(InvalidAnswerError, match="NAME"):
        generator.generate(FLASK, "demo", tmp_path / "out", extra={"project_slug": "../evil"})
    assert not (tmp_path / "evil").exists()
    assert not (tmp_path / "out" / "demo").exists()


def test_set_answers_take_the_variables_type() -> None:
    hooky = registry.discover(FIXTURES / "failing-hook")["hooky"]
    converted = convert_answers(hooky, {"with_ci": "no", "workers": "4", "license": "BSD-3-Clause"})
    assert converted == {"with_ci": False, "workers": 4, "license": "BSD-3-Clause"}
    assert convert_answers(hooky, {"with_ci": "Yes"}) == {"with_ci": True}
    for bad in ({"with_ci": "maybe"}, {"workers": "many"}, {"license": "GPL"}):
        with pytest.raises(InvalidAnswerError):
            convert_answers(hooky, bad)


@pytest.mark.parametrize("framework", framework_params())
def test_copying_plain_files_renders_the_same_project(
    tmp_path: Path, framework: registry.Framework
) -> None:
    """The fast path for files without Jinja syntax changes no byte of any option's output."""

    options = [{}]
    for question in questions(framework):
        if isinstance(question.default, bool):
            options.append({question.key: not question.default})
    for number, extra in enumerate(options):
        context = {"project_name": "Demo", "project_slug": "demo", "package_name": "demo", **extra}
        fast, _ = rendering.render(framework, context, tmp_path / f"fast{number}")
        slow, _ = rendering.render(
            framework, context, tmp_path / f"slow{number}", copy_plain_files=False
        )
        local = frozenset(framework.local_files)
        assert tree(fast, exclude=local) == tree(slow, exclude=local)
    assert rendering.plain_files(framework), "some files of every starter are plain"


@pytest.mark.parametrize("framework", framework_params())
def test_new_renders_what_cookiecutter_itself_renders(
    framework: registry.Framework, tmp_path: Path
) -> None:
    """scaffold calls cookiecutter's own steps; the files are the same, byte for byte."""
    from cookiecutter.main import cookiecutter

    options = {q.key: True for q in questions(framework) if isinstance(q.default, bool)}
    project = generator.generate(framework, "same-app", tmp_path / "scaffold", extra=options)
    plain = cookiecutter(
        str(framework.path),
        no_input=True,
        output_dir=str(tmp_path / "cookiecutter"),
        extra_context={
            "project_name": project.names.title,
            "project_slug": project.names.slug,
            "package_name": project.names.package,
            **options,
        },
        default_config=True,
    )
    skipped = {*framework.local_files, *snapshot.OWN_FILES}
    ours = {p: data for p, (data, _mode) in tree(project.path).items() if p not in skipped}
    theirs = {p: data for p, (data, _mode) in tree(Path(plain)).items() if p not in skipped}
    assert ours == theirs
