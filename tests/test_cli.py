from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold.cli import cli

from .helpers import FRAMEWORKS


def test_help_lists_the_commands(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("new", "list", "info", "check"):
        assert command in result.output


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"scaffold {command}" in result.output


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "scaffold" in result.output


def test_list_groups_by_category(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list"])
    assert result.exit_code == 0
    assert "micro:" in result.output
    for key in FRAMEWORKS:
        assert key in result.output


def test_list_json_has_stable_keys(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--format", "json"])
    data = json.loads(result.output)
    assert [entry["key"] for entry in data] == list(FRAMEWORKS)
    assert {"key", "title", "category", "features", "dependencies", "interface"} <= set(data[0])


def test_list_filters_by_category(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--category", "micro", "--format", "json"])
    assert {entry["category"] for entry in json.loads(result.output)} == {"micro"}


def test_info_explains_every_file(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["info", "flask"])
    assert result.exit_code == 0
    assert "micro" in result.output
    assert "wsgi.py" in result.output
    assert "<package>/views.py" in result.output


def test_new_creates_the_project_and_prints_next_steps(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", "blog-demo", "-f", "flask", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "blog-demo" / "wsgi.py").is_file()
    assert "Next steps" in result.output
    assert "python -m blog_demo" in result.output


def test_new_unknown_framework_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", "demo", "-f", "flaks", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "Did you mean 'flask'" in result.output
    assert list(tmp_path.iterdir()) == []


def test_new_without_framework_and_no_terminal_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", "demo", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "--framework" in result.output


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("{{ 7*7 }}", "template code"),
        ("a/b", "plain directory name"),
        ("..", "plain directory name"),
        ("flask", "shadow"),
        ("email", "shadow"),
        ("9lives", "valid Python package name"),
    ],
)
def test_new_bad_name_is_one_sentence_exit_1(
    runner: CliRunner, tmp_path: Path, name: str, message: str
) -> None:
    result = runner.invoke(cli, ["new", name, "-f", "flask", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_new_template_code_name_is_shown_never_evaluated(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", "{{ 7*7 }}", "-f", "flask", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "'{{ 7*7 }}'" in result.output
    assert "49" not in result.output


def test_new_existing_directory_exits_1_and_keeps_it(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "mine.txt").write_text("keep")
    result = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert [p.name for p in (tmp_path / "demo").iterdir()] == ["mine.txt"]


def test_new_force_keeps_user_files(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "mine.txt").write_text("keep")
    result = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--force"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "mine.txt").read_text() == "keep"
    assert (tmp_path / "demo" / "wsgi.py").is_file()


def test_new_unwritable_output_dir_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(blocker / "sub")])
    assert result.exit_code == 1
    assert "Cannot write to" in result.output
    assert "Traceback" not in result.output
    assert blocker.read_text() == ""


def test_new_set_unknown_key_names_the_known_ones(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--set", "colour=blue"]
    )
    assert result.exit_code == 1
    assert "Variables --set takes: project_name, package_name, description" in result.output


def test_every_variable_the_error_lists_is_taken_by_set(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--set", "colour=blue"]
    )
    listed = result.output.split("Variables --set takes: ")[1].split(".")[0].split(", ")
    for number, key in enumerate(listed):
        value = {"deploy": "no", "package_name": f"pkg{number}"}.get(key, "Ada")
        taken = runner.invoke(
            cli,
            ["new", f"p{number}", "-f", "flask", "-o", str(tmp_path), "--set", f"{key}={value}"],
        )
        assert taken.exit_code == 0, f"--set {key}: {taken.output}"


def test_set_project_slug_points_to_name(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--set", "project_slug=other"]
    )
    assert result.exit_code == 1
    assert "The project directory is NAME itself" in result.output
    assert not (tmp_path / "demo").exists()


def test_new_set_malformed_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--set", "x"])
    assert result.exit_code == 2


def test_new_set_answer_reaches_the_project(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--set", "author=Ada Lovelace"]
    )
    assert result.exit_code == 0, result.output
    assert "Ada Lovelace" in (tmp_path / "demo" / "pyproject.toml").read_text()


def test_python_dash_m_runs_the_same_cli() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "scaffold", "list"], capture_output=True, text=True, check=True
    )
    assert "flask" in completed.stdout


def test_importing_the_cli_stays_light() -> None:
    code = (
        "import sys, scaffold.cli;"
        "heavy = {'cookiecutter', 'jinja2', 'requests', 'rich'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.stdout.strip() == "[]", completed.stdout + completed.stderr


def test_new_initialises_git_with_one_commit(runner: CliRunner, tmp_path: Path) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    result = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--yes"])
    assert result.exit_code == 0, result.output
    assert "git repository" in result.output
    log = subprocess.run(
        ["git", "-C", str(tmp_path / "demo"), "log", "--oneline"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(log.stdout.splitlines()) == 1
    status = subprocess.run(
        ["git", "-C", str(tmp_path / "demo"), "status", "--porcelain"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""


def test_new_no_git_skips_the_repository(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--no-git"])
    assert result.exit_code == 0
    assert not (tmp_path / "demo" / ".git").exists()


def test_new_inside_a_work_tree_makes_no_nested_repository(
    runner: CliRunner, tmp_path: Path
) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert not (tmp_path / "demo" / ".git").exists()


def test_new_without_git_on_path_is_fine(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "demo" / ".git").exists()


def test_new_prompts_on_a_terminal(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scaffold.cli_new

    monkeypatch.setattr(scaffold.cli_new, "stdin_is_terminal", lambda: True)
    result = runner.invoke(
        cli,
        ["new", "demo", "-o", str(tmp_path), "--no-git"],
        input="\n".join([_menu_number("flask"), "", "", "A demo.", "Ada", ""]) + "\n",
    )
    assert result.exit_code == 0, result.output
    menu = result.output.split(f"Framework [1-{len(FRAMEWORKS)} or a key]")[0]
    assert menu.index("full-stack:") < menu.index("micro:")
    assert f"{_menu_number('flask'):>2}. Flask (flask)" in menu
    recorded = json.loads((tmp_path / "demo" / ".scaffold.json").read_text())
    assert recorded["framework"] == "flask"
    assert recorded["answers"]["author"] == "Ada"
    assert recorded["answers"]["description"] == "A demo."


def _menu_number(key: str) -> str:
    from scaffold.registry import CATEGORIES

    ordered = [k for c in CATEGORIES for k, fw in FRAMEWORKS.items() if fw.category == c]
    return str(ordered.index(key) + 1)


def test_yes_never_prompts_even_on_a_terminal(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scaffold.cli_new

    monkeypatch.setattr(scaffold.cli_new, "stdin_is_terminal", lambda: True)
    result = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--yes"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Created {tmp_path / 'demo'} with Flask"), "nothing was asked"


@pytest.mark.parametrize(
    ("key", "lines"),
    [
        (
            "django",
            ["database   sqlite, postgresql (the first is the default)", "deploy     yes, no"],
        ),
        ("zope", ["database   filestorage, zeo (the first is the default)"]),
        ("flask", ["deploy     no, yes (the first is the default)"]),
    ],
)
def test_info_lists_the_options_and_why(runner: CliRunner, key: str, lines: list[str]) -> None:
    result = runner.invoke(cli, ["info", key])
    assert result.exit_code == 0, result.output
    options = result.output.split("Options (scaffold new NAME --set KEY=VALUE):\n")[1]
    options = options.split("\n\n")[0]
    for line in lines:
        assert f"  {line}" in options
    assert "On by default for full-stack starters" in options
    assert ("  database   " in options) == FRAMEWORKS[key].is_full_stack


def test_a_file_that_cannot_be_written_gives_one_sentence(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "x.html"
    result = runner.invoke(cli, ["compare", "flask", "--format", "html", "-o", str(target)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"Could not use {target}: No such file or directory." in result.output


def test_ctrl_c_exits_130(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from scaffold import registry

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(registry, "discover", interrupted)
    result = runner.invoke(cli, ["list"])
    assert result.exit_code == 130
    assert "Interrupted." in result.output


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
def test_bare_new_on_a_terminal_asks_for_everything(tmp_path: Path) -> None:
    from .pty_session import PtySession

    command = [sys.executable, "-m", "scaffold", "new", "-o", str(tmp_path), "--no-git"]
    with PtySession(command, env={**os.environ, "HOME": str(tmp_path)}) as session:
        session.expect(f"Framework [1-{len(FRAMEWORKS)} or a key]")
        session.send(str(len(FRAMEWORKS) + 1))
        session.expect(f"Choose a number from 1 to {len(FRAMEWORKS)}, or a key.")
        session.send("flask")
        session.expect("Project name (its directory")
        session.send("a/b")
        session.expect("plain directory name")
        session.send("flask")
        session.expect("shadow")
        session.send("blog-demo")
        for _ in ("project_name", "package_name", "description", "author"):
            session.expect(": ")
            session.send("")
        session.expect("[y/N]")
        session.send("maybe")
        session.expect("give yes or no, not 'maybe'")
        session.send("y")
        session.expect("Next steps")
        assert session.wait() == 0
    assert "Recognized values" not in session.output
    assert "[True]" not in session.output and "[False]" not in session.output
    recorded = json.loads((tmp_path / "blog-demo" / ".scaffold.json").read_text())
    assert recorded["answers"]["deploy"] is True


def test_bare_new_without_a_terminal_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["new"])
    assert result.exit_code == 2
    assert "Missing argument 'NAME'." in result.output


@pytest.mark.parametrize(("key", "default"), [("flask", "[y/N]"), ("django", "[Y/n]")])
def test_yes_no_questions_say_yes_or_no(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, default: str
) -> None:
    import scaffold.cli_new
    from scaffold.questions import questions

    monkeypatch.setattr(scaffold.cli_new, "stdin_is_terminal", lambda: True)
    typed = [
        "maybe\nno" if isinstance(question.default, bool) else ""
        for question in questions(FRAMEWORKS[key])
        if question.key != "project_slug"
    ]
    result = runner.invoke(
        cli,
        ["new", "demo", "-f", key, "-o", str(tmp_path), "--no-git"],
        input="\n".join(typed) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert default in result.output
    assert "give yes or no, not 'maybe'" in result.output
    assert "[True]" not in result.output and "[False]" not in result.output


def test_choice_menus_say_their_range(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scaffold.cli_new

    monkeypatch.setattr(scaffold.cli_new, "stdin_is_terminal", lambda: True)
    typed = "\n".join(["", "", "", "", "3", "2", ""]) + "\n"
    result = runner.invoke(
        cli, ["new", "demo", "-f", "django", "-o", str(tmp_path), "--no-git"], input=typed
    )
    assert result.exit_code == 0, result.output
    assert "[1-2 or a name]" in result.output
    assert "Choose a number from 1 to 2, or a name." in result.output
    recorded = json.loads((tmp_path / "demo" / ".scaffold.json").read_text())
    assert recorded["answers"]["database"] == "postgresql"


def test_new_help_points_to_info_for_the_options(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["new", "--help"])
    assert "scaffold info KEY" in result.output


@pytest.mark.parametrize("key", ["zope", "grok"])
def test_notice_names_the_package_after_the_project_is_made(
    runner: CliRunner, tmp_path: Path, key: str
) -> None:
    made = runner.invoke(cli, ["new", "my-site", "-f", key, "-o", str(tmp_path), "--no-git"])
    assert made.exit_code == 0, made.output
    assert "python -m my_site migrate" in made.output
    assert "<package>" not in made.output
    assert made.output.index("Created") < made.output.index("python -m my_site migrate")
    again = runner.invoke(cli, ["new", "my-site", "-f", key, "-o", str(tmp_path), "--no-git"])
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert "migrate" not in again.output


def test_next_steps_use_the_package_set(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--set", "package_name=other"]
    )
    assert result.exit_code == 0, result.output
    assert "python -m other" in result.output


def test_new_names_the_files_git_leaves_out(runner: CliRunner, tmp_path: Path) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    result = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = int(result.output.split(" files in ")[0].rsplit(" ", 1)[1])
    assert f"committed {written - 1} of the {written} files" in result.output
    assert ".env, git-ignored, is not committed" in result.output


def test_shared_file_notes_are_true_for_every_template(runner: CliRunner, tmp_path: Path) -> None:
    """A shared note that names a server or a step names one the template's file has."""
    notes = json.loads((Path(__file__).parents[1] / "templates/_shared/files.json").read_text())
    words = ("waitress", "uvicorn", "gunicorn", "ZODB", "FileStorage", "SQLite")
    wrong = []
    for key in FRAMEWORKS:
        result = runner.invoke(
            cli,
            [
                "new",
                f"p-{key}",
                "-f",
                key,
                "-o",
                str(tmp_path),
                "--no-git",
                "--yes",
                "--set",
                "deploy=yes",
            ],
        )
        assert result.exit_code == 0, result.output
        for path, note in notes.items():
            if path.startswith("_"):
                continue
            text = (tmp_path / f"p-{key}" / path).read_text()
            wrong += [(key, path, w) for w in words if w in note and w not in text]
    assert wrong == [], "\n".join(map(str, wrong))


def test_colour_on_a_terminal_and_never_with_no_color(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    coloured = runner.invoke(cli, ["info", "flask"], color=True)
    assert "\x1b[1mThe skeleton, file by file:" in coloured.output
    assert "\x1b[" not in runner.invoke(cli, ["info", "flask"]).output  # not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in runner.invoke(cli, ["info", "flask"], color=True).output
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" not in runner.invoke(cli, ["list", "--format", "json"], color=True).output


def test_interrupted_install_is_finished_by_the_same_command(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold.runtime import environments

    def interrupted(project: Path) -> None:
        raise KeyboardInterrupt

    installed: list[Path] = []
    command = ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--yes", "--install"]
    monkeypatch.setattr(environments, "install_project", interrupted)
    first = runner.invoke(cli, command)
    assert first.exit_code == 130
    assert "--install' finishes the install" in first.output
    monkeypatch.setattr(environments, "install_project", installed.append)
    again = runner.invoke(cli, command)
    assert again.exit_code == 0, again.output
    assert "made earlier by this command, without a working .venv: finishing" in again.output
    assert installed == [tmp_path / "demo"]
    assert "Next steps" in again.output
    forced = runner.invoke(cli, [*command, "--force"])
    assert forced.exit_code == 0, forced.output
    assert len(installed) == 2
    other = runner.invoke(cli, [*command, "--set", "author=Someone Else"])
    assert other.exit_code == 1
    assert "already exists" in other.output
    assert len(installed) == 2


def test_update_summaries_are_coloured_on_a_terminal(runner: CliRunner, tmp_path: Path) -> None:
    made = runner.invoke(cli, ["new", "demo", "-f", "flask", "-o", str(tmp_path), "--no-git"])
    assert made.exit_code == 0, made.output
    result = runner.invoke(cli, ["update", str(tmp_path / "demo"), "--check"], color=True)
    assert result.exit_code == 0, result.output
    assert "\x1b[32mdemo is up to date" in result.output
