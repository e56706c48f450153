"""A project is data: nothing scaffold reads from it runs, nothing escapes it, nothing is lost.

Each test plants one hostile or broken thing in a project (or in the directory
`new --force` writes into) and checks what the tool answers. They use the small
template in tests/fixtures/tiny, copied per test so a test can "upgrade" it.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import answers, generator, registry, snapshot, vcs
from scaffold.cli import cli
from scaffold.errors import (
    InvalidProjectFileError,
    ProjectAlreadyGeneratedError,
    UnsafePathError,
)
from scaffold.update import PENDING_DIR, update_project

ROOT = Path(__file__).resolve().parents[1]
needs_git = pytest.mark.skipif(not vcs.available(), reason="git is not installed")


def _change_template(templates: Path) -> None:
    """Make the installed template differ, so that `update` renders it again."""
    readme = templates / "tiny" / "{{cookiecutter.project_slug}}" / "README.md"
    readme.write_text(readme.read_text() + "\n## Test\n\npytest\n")


def _set_answer(project: Path, key: str, value: object) -> None:
    path = project / answers.ANSWERS_FILE
    data = json.loads(path.read_text())
    data["answers"][key] = value
    path.write_text(json.dumps(data))


def _write_snapshot(project: Path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    (project / snapshot.SNAPSHOT_FILE).write_bytes(buffer.getvalue())


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


# 1. Recorded values are checked, never run as template code.

HOSTILE = "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}"


def test_hostile_answer_is_refused_and_never_run(
    project: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    _set_answer(project, "author", HOSTILE)
    _change_template(templates)
    before = _tree(project)
    with pytest.raises(InvalidProjectFileError, match=r"\.scaffold\.json.*'author'.*template code"):
        update_project(project)
    assert not (project / "PWNED").exists()
    assert _tree(project) == before


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("flavour", "spicy", "must be one of plain, fancy"),
        ("extras", "yes", "true or false"),
        ("description", 'say "hi"', "quote"),
        ("package_name", "../../../escape_pkg", "valid Python package name"),
        ("project_slug", "../../escape", "plain directory name"),
    ],
)
def test_recorded_answers_follow_the_rules_of_new(
    project: Path, templates: Path, key: str, value: object, reason: str
) -> None:
    _set_answer(project, key, value)
    _change_template(templates)
    with pytest.raises(InvalidProjectFileError, match=reason):
        update_project(project)


def test_climbing_package_name_writes_nothing_outside(
    project: Path, templates: Path, tmp_path: Path
) -> None:
    _set_answer(project, "package_name", "../../../escape_pkg")
    _change_template(templates)
    with pytest.raises(InvalidProjectFileError):
        update_project(project)
    assert (project / "demo" / "__init__.py").is_file()
    assert not list(tmp_path.rglob("escape_pkg"))


def test_template_code_in_a_snapshot_member_is_data_never_rendered(
    project: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    members = dict(snapshot.load(project).files)
    members[".context.json"] = json.dumps({"__dev_secret_key": HOSTILE}).encode()
    _write_snapshot(project, members)
    _change_template(templates)
    result = update_project(project)
    assert not (project / "PWNED").exists()
    assert [c.path for c in result.changes] == ["README.md"]


def test_answers_file_of_the_wrong_shape_names_the_field(project: Path) -> None:
    path = project / answers.ANSWERS_FILE
    path.write_text(json.dumps({"framework": "tiny", "answers": ["not", "an", "object"]}))
    with pytest.raises(InvalidProjectFileError, match="answers must be an object"):
        update_project(project)


def test_unknown_framework_in_the_answers_file_is_refused(project: Path) -> None:
    path = project / answers.ANSWERS_FILE
    path.write_text(json.dumps({"framework": "../../tiny", "answers": {}}))
    with pytest.raises(InvalidProjectFileError, match="framework is refused"):
        update_project(project)


# 2. Tar-slip: no member name leads outside the project.


@pytest.mark.parametrize("member", ["../outside.txt", "/tmp/outside.txt", "C:/x.txt", "a/../../b"])
def test_snapshot_member_outside_the_project_is_refused(
    project: Path, templates: Path, tmp_path: Path, member: str
) -> None:
    victim = tmp_path / "outside.txt"
    victim.write_text("precious")
    members = dict(snapshot.load(project).files)
    members[member] = b"precious"
    _write_snapshot(project, members)
    _change_template(templates)
    with pytest.raises(InvalidProjectFileError, match="names the path"):
        update_project(project)
    assert victim.read_text() == "precious"


def test_snapshot_link_member_is_refused(project: Path, templates: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("README.md")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        archive.addfile(info)
    (project / snapshot.SNAPSHOT_FILE).write_bytes(buffer.getvalue())
    _change_template(templates)
    with pytest.raises(InvalidProjectFileError, match="not a regular file"):
        update_project(project)


def test_snapshot_member_inside_git_is_refused(project: Path, templates: Path) -> None:
    members = dict(snapshot.load(project).files)
    members[".git/config"] = b"[core]\n"
    _write_snapshot(project, members)
    _change_template(templates)
    with pytest.raises(InvalidProjectFileError, match="git's own folder"):
        update_project(project)


# 4. Writes never follow a symlink.


def test_new_force_refuses_a_directory_symlink_inside_the_target(
    templates: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "out" / "demo"
    target.mkdir(parents=True)
    (target / "demo").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePathError, match="symbolic link"):
        generator.generate(registry.get("tiny"), "demo", tmp_path / "out", force=True)
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in target.iterdir()) == ["demo"]


def test_new_force_refuses_a_file_symlink(templates: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.py"
    victim.write_text("precious")
    target = tmp_path / "out" / "demo"
    target.mkdir(parents=True)
    (target / "wsgi.py").symlink_to(victim)
    with pytest.raises(UnsafePathError):
        generator.generate(registry.get("tiny"), "demo", tmp_path / "out", force=True)
    assert victim.read_text() == "precious"
    assert sorted(p.name for p in target.iterdir()) == ["wsgi.py"]


def test_new_refuses_a_target_that_is_a_symlink(templates: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "demo").symlink_to(real, target_is_directory=True)
    with pytest.raises(UnsafePathError):
        generator.generate(registry.get("tiny"), "demo", tmp_path / "out", force=True)
    assert list(real.iterdir()) == []


def test_update_refuses_a_file_symlink_it_would_write(
    project: Path, templates: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.md"
    victim.write_bytes((project / "README.md").read_bytes())
    (project / "README.md").unlink()
    (project / "README.md").symlink_to(victim)
    _change_template(templates)
    before = victim.read_bytes()
    with pytest.raises(UnsafePathError, match="symbolic link"):
        update_project(project)
    assert victim.read_bytes() == before
    assert not (project / PENDING_DIR).exists()


def test_a_link_the_update_leaves_alone_does_not_block_it(project: Path, templates: Path) -> None:
    """Only the files an update writes must be free of links: the user's other links stay."""
    (project / "docs").mkdir()
    shutil.move(project / "wsgi.py", project / "docs" / "wsgi.py")
    (project / "wsgi.py").symlink_to(Path("docs") / "wsgi.py")
    _change_template(templates)  # changes README.md only
    result = update_project(project)
    assert [c.path for c in result.changes] == ["README.md"]
    assert (project / "wsgi.py").is_symlink()


def test_update_refuses_a_directory_symlink_on_the_way(
    project: Path, templates: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    shutil.move(project / "demo", outside)
    (project / "demo").symlink_to(outside, target_is_directory=True)
    init = templates / "tiny" / "{{cookiecutter.project_slug}}" / "{{cookiecutter.package_name}}"
    (init / "__init__.py").write_text((init / "__init__.py").read_text() + "\n# changed\n")
    before = _tree(outside)
    with pytest.raises(UnsafePathError):
        update_project(project)
    assert _tree(outside) == before


# 5. A generated project holds the template's files and nothing else.


def test_bytecode_in_an_installed_template_is_not_copied(templates: Path, tmp_path: Path) -> None:
    import compileall

    # As pip does when it installs a wheel: files with template code fail, the rest compile.
    compileall.compile_dir(str(templates), quiet=2)
    assert list(templates.rglob("*.pyc"))
    project = generator.generate(registry.get("tiny"), "demo", tmp_path / "out")
    assert not [p for p in project.path.rglob("*") if p.suffix == ".pyc" or p.name == "__pycache__"]
    assert not [name for name in snapshot.load(project.path).files if "__pycache__" in name]
    assert not [name for name in project.files if name.endswith(".pyc")]


def test_local_files_stay_out_of_the_snapshot_and_the_answers(project: Path) -> None:
    secret = (project / ".env").read_text().split("=", 1)[1].strip()
    assert len(secret) >= 32
    assert ".env" not in snapshot.load(project).files
    assert secret.encode() not in (project / snapshot.SNAPSHOT_FILE).read_bytes()
    assert secret not in (project / answers.ANSWERS_FILE).read_text()


def test_update_never_touches_local_files(project: Path, templates: Path) -> None:
    (project / ".env").write_text("SECRET_KEY=mine\n")
    env = templates / "tiny" / "{{cookiecutter.project_slug}}" / '{{ ".env" }}'
    env.write_text("SECRET_KEY={{ cookiecutter.__dev_secret_key }}\nDEBUG=0\n")
    result = update_project(project)
    assert ".env" not in [c.path for c in result.changes]
    assert (project / ".env").read_text() == "SECRET_KEY=mine\n"


@needs_git
def test_checkout_without_symlinks_renders_real_files(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "-c", "core.symlinks=false", "clone", "--quiet", str(ROOT), str(clone)],
        check=True,
        capture_output=True,
    )
    frameworks = registry.discover(clone / "templates")
    shared_css = (ROOT / "templates" / "_shared" / "style.css").read_bytes()
    project = generator.generate(frameworks["flask"], "demo", tmp_path / "out")
    css = [p for p in project.path.rglob("style.css")]
    assert css and all(p.read_bytes() == shared_css for p in css)


# 7. --force: never over a generated project, never over your files; git only for its own.


def test_force_over_a_generated_project_points_to_update(project: Path, tmp_path: Path) -> None:
    (project / "README.md").write_text("my edits")
    with pytest.raises(ProjectAlreadyGeneratedError, match="scaffold update"):
        generator.generate(registry.get("tiny"), "demo", tmp_path / "out", force=True)
    assert (project / "README.md").read_text() == "my edits"


@needs_git
def test_force_commits_only_the_files_it_wrote(templates: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "demo"
    target.mkdir(parents=True)
    (target / "mine.txt").write_text("untracked and mine")
    (target / "README.md").write_text("my readme")
    result = CliRunner().invoke(
        cli, ["new", "demo", "-f", "tiny", "-o", str(tmp_path / "out"), "--force"]
    )
    assert result.exit_code == 0, result.output
    assert "Kept 1 file you already had, unchanged:\n  README.md" in result.output
    # 6 files written; the git-ignored .env is not committed.
    assert (
        "committed 5 of the 6 files scaffold wrote; .env, git-ignored, is not committed."
        in result.output
    )
    tracked = subprocess.run(
        ["git", "-C", str(target), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "mine.txt" not in tracked and "README.md" not in tracked
    assert (target / "README.md").read_text() == "my readme"


@needs_git
def test_force_into_an_existing_repository_makes_no_commit(templates: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "demo"
    target.mkdir(parents=True)
    subprocess.run(["git", "-C", str(target), "init", "-q"], check=True)
    result = CliRunner().invoke(
        cli, ["new", "demo", "-f", "tiny", "-o", str(tmp_path / "out"), "--force"]
    )
    assert result.exit_code == 0, result.output
    assert "committed" not in result.output
    log = subprocess.run(["git", "-C", str(target), "log"], capture_output=True, text=True)
    assert log.returncode != 0, "no commit was made in the user's repository"


# 8. Killed at any point: nothing, or the whole project; the next run cleans up.

KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from scaffold import generator, registry, staging, update, vcs
    point, output = sys.argv[1], Path(sys.argv[2])
    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)
    module, name = point.rsplit(".", 1)
    modules = {"generator": generator, "staging": staging, "update": update, "vcs": vcs}
    target = modules[module]
    if name.startswith("replace#"):
        calls = [0]
        real = os.replace
        def replace(*args, **kwargs):
            # Only scaffold's own moves count (Jinja2's template cache also replaces files).
            if sys._getframe(1).f_globals["__name__"].startswith("scaffold."):
                calls[0] += 1
                if calls[0] > int(name.split("#")[1]):
                    die()
            return real(*args, **kwargs)
        target.os.replace = replace
    else:
        setattr(target, name, die)
    if module == "update":
        update.update_project(output)
    else:
        generator.generate(registry.get("tiny"), "demo", output, git_message="start")
    """
)


def _killed(point: str, path: Path) -> int:
    """Run `new` or `update` in a child that kills itself at ``point``; its exit status."""
    completed = subprocess.run(
        [sys.executable, "-c", KILLER, point, str(path)],
        capture_output=True,
        text=True,
        env=_private_tmp(path),
    )
    return completed.returncode


def _private_tmp(path: Path) -> dict[str, str]:
    """The environment with TMPDIR beside ``path``: a killed child's temporary files stay there."""
    tmp = path.parent / "tmp"
    tmp.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp)}


@pytest.mark.parametrize(
    "point", ["generator.record_project", "staging.move_into_place", "vcs.commit_new_repository"]
)
def test_killed_new_leaves_nothing_and_the_next_run_cleans_up(
    templates: Path, tmp_path: Path, point: str
) -> None:
    output = tmp_path / "out"
    assert _killed(point, output) == -9
    assert not (output / "demo").exists()
    assert [p.name for p in output.iterdir() if p.name.startswith(".demo.")]  # left behind
    project = generator.generate(registry.get("tiny"), "demo", output)
    assert sorted(p.name for p in output.iterdir()) == ["demo"]
    assert (project.path / answers.ANSWERS_FILE).is_file()


@needs_git
def test_new_commits_before_the_project_appears(templates: Path, tmp_path: Path) -> None:
    project = generator.generate(registry.get("tiny"), "demo", tmp_path / "out", git_message="go")
    assert project.committed
    log = subprocess.run(
        ["git", "-C", str(project.path), "log", "--oneline"], capture_output=True, text=True
    )
    assert log.stdout.count("\n") == 1
    status = subprocess.run(
        ["git", "-C", str(project.path), "status", "--porcelain"], capture_output=True, text=True
    )
    assert status.stdout == ""


def test_killed_force_run_is_completed_by_the_next(templates: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    (output / "demo").mkdir(parents=True)
    (output / "demo" / "mine.txt").write_text("mine")
    script = KILLER.replace('git_message="start"', "git_message=None, force=True")
    completed = subprocess.run(
        [sys.executable, "-c", script, "staging.replace#2", str(output)],
        capture_output=True,
        env=_private_tmp(output),
    )
    assert completed.returncode == -9
    assert not (output / "demo" / answers.ANSWERS_FILE).exists(), "the answers file moves last"
    generator.generate(registry.get("tiny"), "demo", output, force=True)
    assert (output / "demo" / answers.ANSWERS_FILE).is_file()
    assert (output / "demo" / "mine.txt").read_text() == "mine"
    assert sorted(p.name for p in output.iterdir()) == ["demo"]


def _expected_update(project: Path, templates: Path, tmp_path: Path) -> dict[str, bytes]:
    twin = tmp_path / "twin"
    shutil.copytree(project, twin)
    update_project(twin)
    return _tree(twin)


@pytest.mark.parametrize("kept_going", [0, 1, 2])
def test_killed_update_is_finished_by_the_next(
    project: Path, templates: Path, tmp_path: Path, kept_going: int
) -> None:
    init = templates / "tiny" / "{{cookiecutter.project_slug}}" / "{{cookiecutter.package_name}}"
    (init / "__init__.py").write_text((init / "__init__.py").read_text() + "\n# changed\n")
    _change_template(templates)
    expected = _expected_update(project, templates, tmp_path)
    # os.replace is patched everywhere and scaffold's own calls counted: moves 1 and 2
    # write the new answers file and merge base in the staging folder, move 3 the plan;
    # the kill lands after `kept_going` more.
    assert _killed(f"update.replace#{kept_going + 3}", project) == -9
    result = update_project(project)
    assert result.resumed
    assert _tree(project) == expected
    assert not (project / PENDING_DIR).exists()
    assert result.up_to_date, "finishing the journal brought the template in whole"


def test_update_killed_before_its_plan_changes_nothing(project: Path, templates: Path) -> None:
    _change_template(templates)
    before = _tree(project)
    assert _killed("update.replace#1", project) == -9
    assert {k: v for k, v in _tree(project).items() if not k.startswith(PENDING_DIR)} == before
    result = CliRunner().invoke(cli, ["update", str(project)])
    assert result.exit_code == 0, result.output
    assert "interrupted" not in result.output, "an update without its plan had not begun"
    assert "## Test" in (project / "README.md").read_text()
    assert not (project / PENDING_DIR).exists()


def test_interrupted_install_leaves_no_half_made_venv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold.runtime import environments

    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(environments, "install", interrupted)
    project = tmp_path / "demo"
    project.mkdir()
    with pytest.raises(KeyboardInterrupt):
        environments.install_project(project)
    assert not (project / ".venv").exists()


def test_broken_environment_is_named_in_one_sentence(tmp_path: Path) -> None:
    from scaffold.errors import EnvironmentSetupError
    from scaffold.runtime import environments

    broken = tmp_path / ".venv"
    (broken / "bin").mkdir(parents=True)
    with pytest.raises(EnvironmentSetupError, match=r"not a working virtual environment.*delete"):
        environments.create(broken)


# 10. Names the rules refuse: one sentence, never a traceback.


@pytest.mark.parametrize("name", ["a" * 300, "-x", "--", "a\tb", "../up", "{{ 7*7 }}", "Ünïcode!"])
def test_refused_names_give_one_sentence(tmp_path: Path, name: str) -> None:
    result = CliRunner().invoke(cli, ["new", "-f", "flask", "-o", str(tmp_path), "--", name])
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
    message = result.output.strip().removeprefix("Error: ")
    assert message.count(". ") <= 2 and "\n" not in message


def test_leading_dash_name_makes_no_directory(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "-f", "flask", "-o", str(tmp_path), "--", "-x"])
    assert result.exit_code == 1
    assert "must start with a letter" in result.output
    assert not (tmp_path / "-x").exists()


def test_answer_suggestions_keep_the_letters() -> None:
    from scaffold.errors import InvalidNameError
    from scaffold.names import check_package

    for given, suggestion in [("Inter-App", "inter_app"), ("MyPkg", "mypkg"), ("ABC", "abc")]:
        with pytest.raises(InvalidNameError, match=f"Try '{suggestion}'"):
            check_package(given)


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
def test_interactive_answers_are_checked_as_typed(templates: Path, tmp_path: Path) -> None:
    from .pty_session import PtySession

    env = {**os.environ, registry.TEMPLATES_ENV: str(templates), "HOME": str(tmp_path)}
    command = [sys.executable, "-m", "scaffold", "new", "demo", "-o", str(tmp_path), "--no-git"]
    with PtySession(command, env=env) as session:
        session.expect("Framework [1 or a key]")
        session.send("tinny")
        session.expect("Did you mean 'tiny'?")
        session.send("tiny")
        session.expect("Project name")
        session.send("")
        session.expect("Python package name")
        session.send("Inter-App")
        session.expect("Try 'inter_app'")
        session.expect("Python package name")
        session.send("inter_app")
        session.expect("description")
        session.send("")
        session.expect("Author")
        session.send("{{ 7*7 }}")
        session.expect("template code")
        session.send("Ada")
        session.expect("Flavour")
        session.send("3")
        session.expect("Choose a number from 1 to 2, or a name.")
        session.send("2")
        session.expect("With extras")
        session.send("y")
        session.expect("Next steps")
        assert session.wait() == 0
    recorded = answers.read(tmp_path / "demo").answers
    assert recorded["package_name"] == "inter_app"
    assert recorded["author"] == "Ada"
    assert recorded["flavour"] == "fancy"
    assert recorded["extras"] is True
    assert (tmp_path / "demo" / "inter_app" / "extras.txt").is_file()


@pytest.mark.e2e
@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_installed_tool_writes_no_bytecode_into_projects(tmp_path: Path, kind: str) -> None:
    """A non-editable install byte-compiles the templates; projects must not carry that."""
    from scaffold.runtime import environments

    uv = environments.uv_path()
    assert uv, "uv is needed to build the distributions (it is in the test extra)"
    dist = tmp_path / "dist"
    subprocess.run(
        [uv, "build", f"--{kind}", "--quiet", "--out-dir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (archive,) = [p for p in dist.iterdir() if p.name.endswith((".whl", ".tar.gz"))]
    environment = environments.create(tmp_path / "venv")
    subprocess.run(
        [
            uv,
            "pip",
            "install",
            "--quiet",
            "--compile-bytecode",
            "--python",
            str(environment.python),
            str(archive),
        ],
        check=True,
        capture_output=True,
    )
    installed = subprocess.run(
        [
            str(environment.python),
            "-c",
            "import scaffold.registry as r; print(r.default_templates_dir())",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert list(Path(installed).rglob("*.pyc")), "the install byte-compiled the templates"
    env = {k: v for k, v in os.environ.items() if k != registry.TEMPLATES_ENV}
    completed = subprocess.run(
        [
            str(environment.script("scaffold")),
            "new",
            "demo",
            "-f",
            "flask",
            "--no-git",
            "-o",
            str(tmp_path / "out"),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    project = tmp_path / "out" / "demo"
    assert not [p for p in project.rglob("*") if p.suffix == ".pyc" or p.name == "__pycache__"]
    assert not [n for n in snapshot.load(project).files if "__pycache__" in n or n.endswith(".pyc")]


def test_check_never_uses_the_environment_a_project_carries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold import check
    from scaffold.errors import EnvironmentSetupError

    project = generator.generate(registry.get("flask"), "demo", tmp_path / "out").path
    (project / ".venv").mkdir()  # what an interrupted install, or a hostile clone, could leave
    used: list[Path] = []

    def install(env_path: Path, project: Path, servers: object = ()) -> str:
        used.append(env_path)
        raise EnvironmentSetupError("no network in this test")

    monkeypatch.setattr(check, "_install", install)
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert result.exit_code == 3  # a check failed (not an error of the tool's)
    assert "Traceback" not in result.output
    install_line = next(line for line in result.output.splitlines() if "install" in line)
    assert install_line.startswith("FAIL")
    assert used and used[0] != project / ".venv"
    assert not any((project / ".venv").iterdir())


def test_check_refuses_a_hostile_answers_file_before_running_anything(project: Path) -> None:
    _set_answer(project, "package_name", "os; touch PWNED")
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert result.exit_code == 1
    assert "the answer 'package_name' is refused" in result.output
    assert "install" not in result.output, "nothing was installed or run"


def test_new_install_never_runs_an_interpreter_the_project_carries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finishing an install trusts only scaffold's own mark; a planted .venv is replaced."""
    from scaffold.runtime import environments

    out = tmp_path / "out"
    project = generator.generate(registry.get("flask"), "demo", out).path
    marker = tmp_path / "RAN"
    planted = project / ".venv" / "bin" / "python"
    planted.parent.mkdir(parents=True)
    planted.write_text(f"#!/bin/sh\ntouch {marker}\n")
    planted.chmod(0o755)
    monkeypatch.setattr(environments, "install", lambda *args, **kwargs: None)
    result = CliRunner().invoke(
        cli, ["new", "demo", "-f", "flask", "-o", str(out), "--yes", "--install", "--no-git"]
    )
    assert result.exit_code == 0, result.output
    assert "finishing its install" in result.output
    assert not marker.exists()
    assert environments.installed_by_scaffold(project)
    assert planted.resolve() != planted or "touch" not in planted.read_text(errors="replace")
