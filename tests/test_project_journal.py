"""Everything under `.scaffold/` is data: the redo journal, the snapshot's archive, the
folder itself. Each test plants one hostile or broken thing a cloned project can carry
and checks that `update` refuses it in one sentence, before anything is moved or read.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import answers, snapshot, vcs
from scaffold.cli import cli
from scaffold.errors import InvalidProjectFileError, UnsafePathError
from scaffold.terminal import printable
from scaffold.update import BLOCKED, PENDING_DIR, PLAN_FILE, update_project

from .test_hostile_projects import _change_template, _tree

needs_git = pytest.mark.skipif(not vcs.available(), reason="git is not installed")


def _plant_plan(project: Path, steps: object, staged: dict[str, bytes] | None = None) -> Path:
    pending = project / PENDING_DIR
    pending.mkdir(parents=True)
    for name, data in (staged or {}).items():
        (pending / name).write_bytes(data)
    (pending / PLAN_FILE).write_text(json.dumps(steps))
    return pending


# 1. The redo journal: every entry is checked before anything moves.


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A private file of the user's, outside the project."""
    folder = tmp_path / "home" / ".ssh"
    folder.mkdir(parents=True)
    path = folder / "id_demo"
    path.write_text("PRIVATE KEY\n")
    return path


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ({"path": "stolen.txt", "staged": "ABSOLUTE"}, "not a file of the journal's folder"),
        ({"path": "stolen.txt", "staged": "../../../home/.ssh/id_demo"}, "journal's folder"),
        ({"path": "stolen.txt", "staged": "0/../../x"}, "journal's folder"),
        ({"path": ".env", "staged": "0"}, "local file"),
        ({"path": ".git/config", "staged": "0"}, "git's own folder"),
        ({"path": "../outside.txt", "staged": "0"}, "climbs out"),
        ({"path": "/tmp/outside.txt", "staged": "0"}, "absolute"),
        ({"path": ".scaffold/pending/plan.json", "staged": "0"}, "scaffold's own folder"),
        ({"path": "README.md"}, "pair"),
        ({"path": 7, "staged": "0"}, "as text"),
        ("README.md", "pair"),
    ],
)
def test_a_hostile_plan_is_refused_before_anything_moves(
    project: Path, secret: Path, entry: object, reason: str
) -> None:
    if isinstance(entry, dict) and entry.get("staged") == "ABSOLUTE":
        entry = {**entry, "staged": str(secret)}
    (project / ".env").write_text("SECRET=mine\n")
    pending = _plant_plan(project, [entry], {"0": b"planted\n"})
    before = _tree(project)
    with pytest.raises(InvalidProjectFileError, match=reason) as raised:
        update_project(project)  # the project is up to date: the plan was obeyed anyway
    assert f"{PENDING_DIR}/{PLAN_FILE}" in str(raised.value)
    assert secret.read_text() == "PRIVATE KEY\n"
    assert _tree(project) == before
    assert (project / ".env").read_text() == "SECRET=mine\n"
    assert (pending / "0").read_bytes() == b"planted\n"


def test_a_staged_file_that_is_a_link_is_refused(project: Path, secret: Path) -> None:
    pending = _plant_plan(project, [{"path": "stolen.txt", "staged": "0"}])
    (pending / "0").symlink_to(secret)
    with pytest.raises(InvalidProjectFileError, match="not a regular file"):
        update_project(project)
    assert not (project / "stolen.txt").exists()
    assert secret.read_text() == "PRIVATE KEY\n"


def test_a_sound_plan_is_still_finished(project: Path) -> None:
    _plant_plan(project, [{"path": "README.md", "staged": "0"}], {"0": b"# finished\n"})
    result = update_project(project)
    assert result.resumed
    assert (project / "README.md").read_bytes() == b"# finished\n"
    assert not (project / PENDING_DIR).exists()


def test_a_linked_scaffold_folder_is_refused_and_its_target_kept(
    project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    (outside / "pending").mkdir(parents=True)
    (outside / "pending" / "keep.txt").write_text("mine\n")
    (outside / "base.tar.gz").write_bytes((project / snapshot.SNAPSHOT_FILE).read_bytes())
    real = project / snapshot.SNAPSHOT_DIR
    for child in real.iterdir():
        child.unlink()
    real.rmdir()
    real.symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePathError, match="symbolic link"):
        update_project(project)
    assert (outside / "pending" / "keep.txt").read_text() == "mine\n"


def test_a_linked_pending_folder_is_refused_and_its_target_kept(
    project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine\n")
    (project / PENDING_DIR).symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePathError, match="symbolic link"):
        update_project(project)
    assert (outside / "keep.txt").read_text() == "mine\n"


# 2. Files that are not what they claim: FIFOs, deep nesting, archives that unpack to gigabytes.


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize(
    "relative", [answers.ANSWERS_FILE, snapshot.SNAPSHOT_FILE, f"{PENDING_DIR}/{PLAN_FILE}"]
)
def test_a_fifo_in_place_of_a_project_file_is_refused_at_once(
    project: Path, templates: Path, relative: str
) -> None:
    _change_template(templates)
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    # In a child process with a deadline: a read that blocks would hang the test run.
    code = f"""
        import sys
        from pathlib import Path
        from scaffold.errors import ScaffoldError
        from scaffold.update import update_project
        try:
            update_project(Path({str(project)!r}))
        except ScaffoldError as exc:
            print(exc)
            sys.exit(3)
    """
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ},
    )
    assert completed.returncode == 3, completed.stderr
    assert "not a regular file" in completed.stdout


def test_deeply_nested_answers_give_one_sentence(project: Path, runner: CliRunner) -> None:
    (project / answers.ANSWERS_FILE).write_text("[" * 100_000 + "]" * 100_000)
    for command in (["update", str(project)], ["check", str(project)]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 1, result.output
        assert "nests too deeply" in result.output
        assert "Traceback" not in result.output


def _archive_with_a_huge_header(claimed: int) -> bytes:
    """A gzip'd tar whose first member is a pax header claiming ``claimed`` bytes of zeros."""
    header = tarfile.TarInfo("././@PaxHeader")
    header.type = tarfile.XHDTYPE
    header.size = claimed
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as packed:
        packed.write(header.tobuf(format=tarfile.USTAR_FORMAT))
        chunk = b"\0" * (1 << 20)
        for _ in range(claimed // len(chunk) + 1):
            packed.write(chunk)
    return out.getvalue()


def test_an_archive_header_counts_toward_the_cap(project: Path, templates: Path) -> None:
    _change_template(templates)
    (project / snapshot.SNAPSHOT_FILE).write_bytes(_archive_with_a_huge_header(200 << 20))
    code = f"""
        import resource, sys
        from pathlib import Path
        from scaffold.errors import ScaffoldError
        from scaffold.update import update_project
        try:
            update_project(Path({str(project)!r}), dry_run=True)
        except ScaffoldError as exc:
            print(exc)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )
    message, peak_kib = completed.stdout.strip().rsplit("\n", 1)
    assert "unpacks to more than 64 MB" in message, completed.stderr
    assert int(peak_kib) < 200 * 1024  # it used to read the whole header into memory


def test_a_corrupt_snapshot_is_named_as_such(project: Path, templates: Path) -> None:
    _change_template(templates)
    (project / snapshot.SNAPSHOT_FILE).write_bytes(b"\x1f\x8b not really gzip")
    with pytest.raises(InvalidProjectFileError, match="cannot be read"):
        update_project(project, dry_run=True)


# 3. A newer template against what the user has: never a traceback, every run.


def test_a_file_where_the_template_adds_a_folder_is_left_alone(
    project: Path, templates: Path
) -> None:
    package = templates / "tiny" / "{{cookiecutter.project_slug}}" / "docs"
    package.mkdir()
    (package / "guide.md").write_text("# Guide\n")
    (project / "docs").write_text("my own notes\n")
    result = update_project(project)
    assert result.blocked == ["docs/guide.md"]
    assert [c.action for c in result.changes if c.path == "docs/guide.md"] == [BLOCKED]
    assert update_project(project).up_to_date  # no traceback on the runs after
    assert (project / "docs").read_text() == "my own notes\n"
    # Once the way is clear, the template's next change brings the file in.
    (project / "docs").unlink()
    (package / "guide.md").write_text("# Guide, second edition\n")
    assert update_project(project).blocked == []
    assert (project / "docs" / "guide.md").read_text() == "# Guide, second edition\n"


def test_a_folder_where_the_template_adds_a_file_is_left_alone(
    project: Path, templates: Path, runner: CliRunner
) -> None:
    (templates / "tiny" / "{{cookiecutter.project_slug}}" / "NOTES.md").write_text("notes\n")
    (project / "NOTES.md").mkdir()
    (project / "NOTES.md" / "mine.txt").write_text("mine\n")
    result = runner.invoke(cli, ["update", str(project)])
    assert result.exit_code == 0, result.output
    assert "stands where it goes" in result.output
    assert (project / "NOTES.md" / "mine.txt").read_text() == "mine\n"


# 4. What the tool prints of a project is shown, never obeyed by the terminal.


def test_dry_run_shows_escapes_and_bidi_controls_as_text(
    project: Path, templates: Path, runner: CliRunner
) -> None:
    readme = templates / "tiny" / "{{cookiecutter.project_slug}}" / "README.md"
    readme.write_text(readme.read_text() + "\x1b[2J\x1b]0;owned\x07 \u202eevil\u2028x\x9b\n")
    result = runner.invoke(cli, ["update", str(project), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert not any(ch in result.output for ch in "\x1b\x07\u202e\u2028\x9b")
    assert "\\x1b[2J" in result.output
    assert "\\u202e" in result.output


def test_printable_keeps_text_and_escapes_controls() -> None:
    assert printable("Añø 漢字\tok\n") == "Añø 漢字\tok\n"
    assert printable("\x1b[31m\u200b\u2066\x7f") == "\\x1b[31m\\u200b\\u2066\\x7f"


# 5. git, run on a project's repository, runs none of the commands its settings name.


@needs_git
def test_git_runs_no_command_from_the_project_settings(project: Path, templates: Path) -> None:
    _change_template(templates)
    marker = project.parent / "RAN"
    subprocess.run(["git", "-C", str(project), "init", "-q"], check=True)
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True)
    config = project / ".git" / "config"
    command = f"touch {marker}"
    config.write_text(
        config.read_text()
        + textwrap.dedent(f"""
            [core]
                fsmonitor = "{command}"
                hooksPath = hooks
            [filter "owned"]
                clean = "{command}; cat"
                smudge = "{command}; cat"
            """)
    )
    hooks = project / "hooks"
    hooks.mkdir()
    for hook in ("post-index-change", "pre-commit", "post-checkout"):
        (hooks / hook).write_text(f"#!/bin/sh\n{command}\n")
        (hooks / hook).chmod(0o755)
    (project / ".gitattributes").write_text("* filter=owned\n")
    (project / "README.md").write_text((project / "README.md").read_text() + "edit\n")
    assert vcs.has_uncommitted_changes(project)
    update_project(project, dry_run=True)
    update_project(project, force=True)
    assert not marker.exists()
