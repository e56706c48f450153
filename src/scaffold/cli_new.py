"""``scaffold new``: what it asks, what it makes, and what it says it made.

`cli.new` parses the options and calls `run`. A person at a terminal is asked
for what the command line left open (the name included); without a terminal a
missing NAME or ``--framework`` is Click's usage error (exit 2).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .errors import ScaffoldError
from .terminal import plural

if TYPE_CHECKING:
    from .generator import GeneratedProject
    from .registry import Framework


def run(
    ctx: click.Context,
    *,
    name: str | None,
    framework: Framework | None,
    output_dir: Path,
    interactive: bool,
    settings: tuple[str, ...],
    force: bool,
    no_git: bool,
    install: bool,
) -> None:
    """Generate the project (or finish the install of the one made earlier) and report it."""
    from . import generator, prompts

    interactive = interactive and stdin_is_terminal()
    if name is None and not interactive:  # Click's own words, as when NAME was required
        raise click.UsageError("Missing argument 'NAME'.", ctx)
    if framework is None:
        if not interactive:
            raise click.UsageError("Missing option '--framework' (see 'scaffold list').")
        framework = prompts.choose_framework()
    if name is None:
        name = prompts.ask_name(framework)
    parsed = _parse_settings(settings)
    if install:
        earlier = generator.earlier_project(framework, name, output_dir, parsed)
        if earlier is not None and not _has_working_venv(earlier):
            _finish_install(earlier, framework, _again(name, framework, output_dir, settings))
            return
    project = generator.new_project(
        framework,
        name,
        output_dir,
        settings=parsed,
        ask=prompts.ask if interactive else None,
        force=force,
        git_message=None if no_git else f"Start {name} from scaffold's {framework.title} starter",
    )
    _report(project)
    if install:
        _install(project.path, _again(name, framework, output_dir, settings))
    _next_steps(project.path, project.package, install)


def _report(project: GeneratedProject) -> None:
    from . import report

    fw = project.framework
    click.echo(
        f"Created {_shown(project.path)} with {fw.title} ({fw.category}):"
        f" {plural(len(project.files), 'file')} in {project.seconds:.2f} s."
    )
    if project.kept:
        click.echo(f"Kept {plural(len(project.kept), 'file')} you already had, unchanged:")
        for relative in project.kept:
            click.echo(f"  {relative}")
    if project.committed:
        written = len(project.files)
        what = (
            f"the {plural(written, 'file')}"
            if project.committed >= written
            else f"{project.committed} of the {plural(written, 'file')}"
        )
        left_out = ""
        if project.uncommitted:
            verb = "is" if len(project.uncommitted) == 1 else "are"
            left_out = f"; {', '.join(project.uncommitted)}, git-ignored, {verb} not committed"
        click.echo(f"Initialised a git repository and committed {what} scaffold wrote{left_out}.")
    if fw.notice:  # only now: the notice is about a project that exists
        notice = fw.notice.replace("<package>", project.package)
        click.echo(report.styled(notice, "warning"), err=True)


def _next_steps(path: Path, package: str, installed: bool) -> None:
    click.echo("\nNext steps:")
    for command in next_steps(_shown(path), package, installed=installed):
        click.echo(f"  {command}")


def stdin_is_terminal() -> bool:
    """Whether a person can answer prompts (never true in CI or a pipe)."""
    return sys.stdin.isatty()


def next_steps(path: Path, package: str, *, installed: bool = False) -> list[str]:
    """The commands that install, test and run a new project, ready to paste."""
    import shlex

    steps = [f"cd {shlex.quote(str(path))}"]
    if not installed:
        steps.append("python3 -m venv .venv")
    steps.append(". .venv/bin/activate")
    if not installed:
        steps.append('pip install -e ".[test]"')
    steps += ["pytest", f"python -m {package}"]
    return steps


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when it lies below it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _again(name: str, framework: Framework, output_dir: Path, settings: tuple[str, ...]) -> str:
    """The command that finishes an interrupted install of this project."""
    import shlex

    words = ["scaffold", "new", name, "-f", framework.key]
    if output_dir != Path("."):
        words += ["-o", str(output_dir)]
    for setting in settings:
        words += ["--set", setting]
    return shlex.join([*words, "--install"])


def _install(project: Path, again: str) -> None:
    import time

    from .runtime import environments

    tool = "uv" if environments.uv_path() else "pip"
    click.echo(f"Installing into .venv with {tool} (this can take a minute)...", nl=False)
    started = time.perf_counter()
    try:
        environments.install_project(project)
    except (KeyboardInterrupt, ScaffoldError):
        click.echo("", err=True)
        click.echo(
            f"{_shown(project)} is there without .venv; '{again}' finishes the install.", err=True
        )
        raise
    click.echo(f" done in {time.perf_counter() - started:.1f} s.")


def _has_working_venv(project: Path) -> bool:
    """Whether ``project/.venv`` is one scaffold finished installing (its Python is never run)."""
    from .runtime import environments

    return environments.installed_by_scaffold(project)


def _finish_install(project: Path, framework: Framework, again: str) -> None:
    """Install the project `new` made earlier, whose install did not finish."""
    from . import answers

    package = answers.read(project).package_name
    click.echo(
        f"{_shown(project)} is the {framework.title} project made earlier by this command,"
        " without a working .venv: finishing its install."
    )
    _install(project, again)
    _next_steps(project, package, True)


def _parse_settings(settings: tuple[str, ...]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for setting in settings:
        key, sep, value = setting.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{setting!r} is not KEY=VALUE.", param_hint="'--set'")
        parsed[key.strip()] = value
    return parsed
