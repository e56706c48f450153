"""The command line: parse, call one library function, render what it returns.

`ScaffoldGroup.invoke` is the one place that turns a `ScaffoldError` into a
message on stderr and exit status 1. Library modules are imported inside the
commands that need them, so ``scaffold --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import ScaffoldError

if TYPE_CHECKING:
    from .registry import Framework


class ScaffoldGroup(click.Group):
    """A Click group that reports scaffold's errors as plain sentences."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ScaffoldError as exc:
            raise click.ClickException(str(exc)) from exc


class FrameworkType(click.ParamType):
    """A framework key, checked against the templates when it is used."""

    name = "framework"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        from . import registry

        if not isinstance(value, str):
            return value
        try:
            return registry.get(value)
        except ScaffoldError as exc:
            self.fail(str(exc), param, ctx)

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str):
        from click.shell_completion import CompletionItem

        from . import registry

        return [
            CompletionItem(key, help=fw.title)
            for key, fw in registry.discover().items()
            if key.startswith(incomplete)
        ]


FRAMEWORK = FrameworkType()


@click.group(cls=ScaffoldGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scaffold")
def cli() -> None:
    """Generate, compare and learn starter projects for Python web frameworks.

    \b
    Example:
      scaffold new myapp --framework flask
    """


@cli.command()
@click.argument("name")
@click.option("-f", "--framework", type=FRAMEWORK, help="Framework key (see 'scaffold list').")
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Directory to create the project in.",
)
@click.option("--no-input", is_flag=True, help="Never prompt; use defaults for what is not set.")
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="KEY=VALUE",
    help="Answer one template variable (repeatable).",
)
@click.option("--force", is_flag=True, help="Write into an existing directory, keeping your files.")
def new(
    name: str,
    framework: Framework | None,
    output_dir: Path,
    no_input: bool,
    settings: tuple[str, ...],
    force: bool,
) -> None:
    """Create the project NAME from a framework's starter template.

    \b
    Examples:
      scaffold new myapp --framework flask
      scaffold new blog-demo -f django -o ~/code --set author="Ada Lovelace"
    """
    from . import generator

    interactive = not no_input and sys.stdin.isatty()
    if framework is None:
        if not interactive:
            raise click.UsageError("Missing option '--framework' (see 'scaffold list').")
        framework = _choose_framework()
    if framework.notice:
        click.secho(framework.notice, fg="yellow", err=True)
    extra = generator.convert_answers(framework, _parse_settings(settings))
    if interactive:
        extra = _ask(framework, name, extra)
    project = generator.generate(framework, name, output_dir, extra=extra, force=force)
    click.echo(
        f"Created {project.path} ({project.framework.title}, {project.framework.category}):"
        f" {len(project.files)} files in {project.seconds:.2f} s."
    )
    click.echo("\nNext steps:")
    for command in next_steps(project.path, project.names.package):
        click.echo(f"  {command}")


def next_steps(path: Path, package: str) -> list[str]:
    """The commands that install, test and run a new project."""
    return [
        f"cd {path}",
        "python -m venv .venv && . .venv/bin/activate",
        'pip install -e ".[test]"',
        "pytest",
        f"python -m {package}",
    ]


def _parse_settings(settings: tuple[str, ...]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for setting in settings:
        key, sep, value = setting.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{setting!r} is not KEY=VALUE.", param_hint="'--set'")
        parsed[key.strip()] = value
    return parsed


def _choose_framework() -> Framework:
    """Ask for a framework from a numbered menu grouped by category."""
    from . import registry

    frameworks = list(registry.discover().values())
    numbered: list[Framework] = []
    for category in registry.CATEGORIES:
        click.echo(f"{category}:")
        for fw in (fw for fw in frameworks if fw.category == category):
            numbered.append(fw)
            click.echo(f"  {len(numbered):>2}. {fw.title} ({fw.key})")
    choice = click.prompt("Framework", type=click.IntRange(1, len(numbered)), default=1)
    return numbered[choice - 1]


def _ask(framework: Framework, name: str, extra: dict[str, Any]) -> dict[str, Any]:
    """Prompt for the template variables that NAME and --set did not answer."""
    from . import generator, names

    derived = names.derive(name)
    defaults = {"project_name": derived.title, "package_name": derived.package}
    answered = dict(extra)
    for question in generator.questions(framework):
        if question.key in answered or question.key == "project_slug":
            continue
        default = defaults.get(question.key, question.default)
        value = click.prompt(question.prompt, default=default)
        answered.update(generator.convert_answers(framework, {question.key: str(value)}))
    return answered


@cli.command("list")
@click.option("--category", type=click.Choice(["full-stack", "micro"]), help="Only this kind.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_command(category: str | None, fmt: str) -> None:
    """List the frameworks scaffold can generate.

    \b
    Examples:
      scaffold list
      scaffold list --category micro --format json
    """
    from . import registry, report

    frameworks = [fw for fw in registry.discover().values() if category in (None, fw.category)]
    click.echo(report.list_json(frameworks) if fmt == "json" else report.list_text(frameworks))


@cli.command()
@click.argument("framework", type=FRAMEWORK)
def info(framework: Framework) -> None:
    """Explain a framework and its starter, file by file.

    \b
    Example:
      scaffold info django
    """
    from . import report

    click.echo(report.info_text(framework))


@cli.command("check")
@click.argument(
    "path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path(".")
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
def check_command(ctx: click.Context, path: Path, fmt: str) -> None:
    """Install a generated project, run its tests, serve it and probe the starter contract.

    Uses the project's .venv if it has one, else a temporary environment. Exits 1
    if any check fails.

    \b
    Example:
      scaffold check myapp
    """
    from . import check, report

    def show(step: check.Step) -> None:
        if fmt == "text":
            click.echo(report.step_line(step))

    result = check.check_project(path, progress=show)
    if fmt == "json":
        click.echo(report.check_json(result))
    else:
        click.echo(report.check_summary(result))
    if not result.passed:
        ctx.exit(1)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="scaffold")
