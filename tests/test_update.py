"""`scaffold update`: three-way merges across a template that really changed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import answers, generator, registry, snapshot
from scaffold.cli import cli
from scaffold.errors import UnresolvedConflictError
from scaffold.update import update_project

ROOT = Path(__file__).resolve().parents[1] / "templates"
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the templates, as an installed tool would ship them."""
    copy = tmp_path / "installed-v1"
    shutil.copytree(ROOT / "flask", copy / "flask", symlinks=False)
    monkeypatch.setenv(registry.TEMPLATES_ENV, str(copy))
    return copy


def _upgrade_tool(templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install 'version 2': a changed template, with version 1 gone for good."""
    newer = tmp_path / "installed-v2"
    shutil.copytree(templates, newer)
    shutil.rmtree(templates)
    monkeypatch.setenv(registry.TEMPLATES_ENV, str(newer))
    return newer / "flask" / "{{cookiecutter.project_slug}}"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def _git(project: Path, *args: str) -> str:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    completed = subprocess.run(
        [GIT, "-C", str(project), *identity, *args], capture_output=True, text=True, check=True
    )
    return completed.stdout


@pytest.fixture
def project(templates: Path, tmp_path: Path) -> Path:
    return generator.generate(registry.get("flask"), "demo", tmp_path / "out").path


def test_fresh_project_is_up_to_date(project: Path) -> None:
    result = update_project(project)
    assert result.up_to_date
    assert result.changes == ()


def test_update_merges_and_reports_conflicts(
    project: Path, templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = project / "demo"
    # The user edits the project...
    _edit(package / "views.py", "bp = Blueprint", "# My own comment.\nbp = Blueprint")
    _edit(package / "__init__.py", 'PROJECT_NAME="Demo",', 'PROJECT_NAME="My Demo",')
    (project / ".env").write_text("FLASK_SECRET_KEY=mine\n")
    (project / "README.md").unlink()
    (project / "mine.txt").write_text("my own file")
    # ...and a new version of the tool changes the template.
    template = _upgrade_tool(templates, tmp_path, monkeypatch)
    pkg = template / "{{cookiecutter.package_name}}"
    _edit(
        pkg / "views.py",
        '    return jsonify(status="ok"',
        '    # Still alive.\n    return jsonify(status="ok"',
    )
    _edit(
        pkg / "__init__.py",
        'PROJECT_NAME="{{ cookiecutter.project_name }}",',
        'PROJECT_NAME="{{ cookiecutter.project_name }} (v2)",',
    )
    _edit(pkg / "__main__.py", '"""Run the development server', '"""Run the local server')
    _edit(template / "README.md", "## Install", "## Installing")
    (template / "CONTRIBUTING.md").write_text("# Contributing to {{ cookiecutter.project_name }}\n")

    preview = update_project(project, dry_run=True)
    assert {c.path: c.action for c in preview.changes} == {
        "CONTRIBUTING.md": "added",
        "demo/__init__.py": "conflict",
        "demo/__main__.py": "updated",
        "demo/views.py": "merged",
    }
    assert not (project / "CONTRIBUTING.md").exists(), "a dry run writes nothing"

    result = update_project(project)
    assert result.conflicts == ["demo/__init__.py"]
    views = (package / "views.py").read_text()
    assert "# My own comment." in views and "# Still alive." in views
    init = (package / "__init__.py").read_text()
    assert "<<<<<<< yours" in init and ">>>>>>> template" in init
    assert "Run the local server" in (package / "__main__.py").read_text()
    assert (project / "CONTRIBUTING.md").read_text() == "# Contributing to Demo\n"
    assert not (project / "README.md").exists(), "a deleted file stays deleted"
    assert (project / "mine.txt").read_text() == "my own file"
    assert answers.read(project).template_fingerprint == answers.fingerprint(template.parent)
    # The local settings, with the development secret, are never touched.
    assert (project / ".env").read_text() == "FLASK_SECRET_KEY=mine\n"
    # A second update refuses to call the project current while the markers are there...
    with pytest.raises(UnresolvedConflictError, match=r"demo/__init__\.py .*conflict markers"):
        update_project(project)
    # ...and once they are resolved, with no template change, it does nothing.
    (package / "__init__.py").write_text(_resolved(init))
    again = update_project(project)
    assert again.up_to_date


def _resolved(text: str) -> str:
    """``text`` with each conflict resolved in favour of the user's side."""
    kept, side = [], "both"
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<< "):
            side = "yours"
        elif line.startswith(("||||||| ", "=======")) and side != "both":
            side = "skip"
        elif line.startswith(">>>>>>> "):
            side = "both"
        elif side != "skip":
            kept.append(line)
    return "".join(kept)


def test_template_file_removed_upstream_is_removed_if_untouched(
    project: Path, templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = _upgrade_tool(templates, tmp_path, monkeypatch)
    (template / "{{cookiecutter.package_name}}" / "__main__.py").unlink()
    _edit(template / "wsgi.py", "WSGI entry point.", "WSGI entry point (edited).")
    _edit(project / "wsgi.py", "from demo", "# user edit\nfrom demo")
    result = update_project(project)
    assert {c.path: c.action for c in result.changes} == {
        "demo/__main__.py": "removed",
        "wsgi.py": "merged",
    }
    assert not (project / "demo" / "__main__.py").exists()


def test_snapshot_is_reproducible(project: Path) -> None:
    first = (project / snapshot.SNAPSHOT_FILE).read_bytes()
    snapshot.save(project, snapshot.load(project))
    assert (project / snapshot.SNAPSHOT_FILE).read_bytes() == first
    assert "secret" not in (project / answers.ANSWERS_FILE).read_text().lower()


@needs_git
def test_update_refuses_uncommitted_changes_in_git(
    project: Path, templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "start")
    _edit(project / "wsgi.py", "from demo", "# wip\nfrom demo")
    template = _upgrade_tool(templates, tmp_path, monkeypatch)
    _edit(template / "README.md", "## Install", "## Installing")

    runner = CliRunner()
    refused = runner.invoke(cli, ["update", str(project)])
    assert refused.exit_code == 1
    assert "uncommitted changes" in refused.output
    assert "## Install\n" in (project / "README.md").read_text()

    preview = runner.invoke(cli, ["update", str(project), "--dry-run"])
    assert preview.exit_code == 0
    assert "Would change 1 file " in preview.output
    assert "+## Installing" in preview.output

    forced = runner.invoke(cli, ["update", str(project), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "## Installing" in (project / "README.md").read_text()
    assert "up to date" in runner.invoke(cli, ["update", str(project)]).output


@needs_git
def test_update_cli_lists_conflicts_and_exits_4(
    project: Path, templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(project / "wsgi.py", "application = create_app()", "application = create_app({})")
    template = _upgrade_tool(templates, tmp_path, monkeypatch)
    _edit(template / "wsgi.py", "application = create_app()", "application = create_app(None)")
    result = CliRunner().invoke(cli, ["update", str(project)])
    assert result.exit_code == 4
    assert "conflicts" in result.output
    assert "wsgi.py" in result.output
    again = CliRunner().invoke(cli, ["update", str(project)])
    assert again.exit_code == 4
    assert "wsgi.py in demo still hold conflict markers" in again.output
    assert "up to date" not in again.output


def test_update_check_says_whether_the_project_is_behind_and_writes_nothing(
    project: Path, templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    current = runner.invoke(cli, ["update", str(project), "--check"])
    assert current.exit_code == 0, current.output
    assert "is up to date" in current.output
    template = _upgrade_tool(templates, tmp_path, monkeypatch)
    _edit(template / "README.md", "## Install", "## Installing")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    behind = runner.invoke(cli, ["update", str(project), "--check"])
    assert behind.exit_code == 1, behind.output
    assert "is behind the installed flask template" in behind.output
    assert "updated   README.md" in behind.output
    as_json = runner.invoke(cli, ["update", str(project), "--check", "--format", "json"])
    assert as_json.exit_code == 1
    data = json.loads(as_json.output)
    assert data["up_to_date"] is False
    assert data["changes"] == [{"path": "README.md", "action": "updated"}]
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
