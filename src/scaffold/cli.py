"""The command line: parse, call one library function, render what it returns.

`ScaffoldGroup.invoke` is the one place that turns a `ScaffoldError` into a
message on stderr and exit status 1. Library modules are imported inside the
commands that need them, so ``scaffold --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from . import __version__
from .cli_new import next_steps
from .cli_projects import check_command, update
from .compare.concepts import CONCEPTS
from .compare.formats import FORMATS as COMPARE_FORMATS
from .contract import CATEGORIES
from .errors import ScaffoldError
from .terminal import printable

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from .registry import Framework


__all__ = ["cli", "main", "next_steps"]

# Ctrl-C, as shells report it (the other exit statuses: cli_projects and the README).
EXIT_INTERRUPTED = 130


class ScaffoldGroup(click.Group):
    """A Click group that reports scaffold's errors as plain sentences."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ScaffoldError as exc:
            click.ClickException(printable(str(exc))).show()  # "Error: ..." on stderr
            raise click.exceptions.Exit(exc.exit_code) from exc
        except OSError as exc:  # a file the command was given or writes: one sentence
            where = f" {exc.filename}" if exc.filename else ""
            reason = (exc.strerror or str(exc)).rstrip(".")
            raise click.ClickException(printable(f"Could not use{where}: {reason}.")) from exc
        except KeyboardInterrupt:
            click.echo("\nInterrupted.", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None


class FrameworkType(click.ParamType):  # type: ignore[type-arg, unused-ignore]
    """A framework key, checked against the templates when it is used."""

    name = "framework"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Framework:
        from . import registry

        if not isinstance(value, str):  # already converted (a default, or a test)
            return cast("Framework", value)
        try:
            return registry.get(value)
        except ScaffoldError as exc:
            self.fail(str(exc), param, ctx)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
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
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Generate, compare and learn starter projects for Python web frameworks.

    \b
    Example:
      scaffold new myapp --framework flask
    """
    import os

    if os.environ.get("NO_COLOR"):  # https://no-color.org; Click does not read it itself
        ctx.color = False


@cli.command()
@click.argument("name", required=False)
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
@click.option("-y", "--yes", is_flag=True, help="Accept every default without prompting.")
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="KEY=VALUE",
    help="Answer one template variable (repeatable; 'scaffold info KEY' lists them).",
)
@click.option("--force", is_flag=True, help="Write into an existing directory, keeping your files.")
@click.option("--no-git", is_flag=True, help="Do not create a git repository.")
@click.option(
    "--install",
    is_flag=True,
    help="Create .venv and install the project into it (again: finishes an interrupted one).",
)
@click.pass_context
def new(
    ctx: click.Context,
    name: str | None,
    framework: Framework | None,
    output_dir: Path,
    no_input: bool,
    yes: bool,
    settings: tuple[str, ...],
    force: bool,
    no_git: bool,
    install: bool,
) -> None:
    """Create the project NAME from a framework's starter template.

    On a terminal it asks for what you leave out (NAME and the framework
    included); 'scaffold info KEY' shows a framework's options, the variables
    --set takes, and its files.

    \b
    Examples:
      scaffold new
      scaffold new myapp --framework flask
      scaffold new blog-demo -f django -o ~/code --set author="Ada Lovelace"
      scaffold new shop -f bottle --yes --install
    """
    from . import cli_new

    cli_new.run(
        ctx,
        name=name,
        framework=framework,
        output_dir=output_dir,
        interactive=not (no_input or yes),
        settings=settings,
        force=force,
        no_git=no_git,
        install=install,
    )


@cli.command("list")
@click.option("--category", type=click.Choice(CATEGORIES), help="Only this kind.")
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
@click.option(
    "--concept",
    type=click.Choice(list(CONCEPTS)),
    help="Print the starter's code for this concept instead (highlighted in a terminal).",
)
def info(framework: Framework, concept: str | None) -> None:
    """Explain a framework and its starter, file by file.

    \b
    Examples:
      scaffold info django
      scaffold info django --concept model
    """
    from . import report

    if concept is None:
        click.echo(report.info_text(framework))
        return
    from .compare import core

    if concept not in framework.concepts:
        mapped = ", ".join(name for name in CONCEPTS if name in framework.concepts) or "none"
        raise click.BadParameter(
            f"the {framework.title} starter does not show {concept!r}; it shows: {mapped}.",
            param_hint="'--concept'",
        )
    code = core.concept(framework, concept)
    if code is None or code.problem:  # the template's map has drifted from its code
        raise click.ClickException(report.concept_text(framework, code, colour=False))
    click.echo(report.concept_text(framework, code, colour=report.wants_colour()))


@cli.command("compare")
@click.argument("frameworks", nargs=-1, type=FRAMEWORK, metavar="[KEY]...")
@click.option("--all", "everything", is_flag=True, help="Compare every framework.")
@click.option(
    "--concept",
    "concepts",
    type=click.Choice(list(CONCEPTS)),
    multiple=True,
    help="Show only this concept's code side by side (repeat for more).",
)
@click.option(
    "--measure",
    is_flag=True,
    help="Also install each skeleton in a cached environment and measure it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(COMPARE_FORMATS)),
    default="text",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option("--runs", type=click.IntRange(1, 50), help="Start-up runs per skeleton [5].")
@click.option(
    "--seconds", type=click.FloatRange(0.05, 60), help="Seconds of requests per route [1.0]."
)
@click.option(
    "--skip-tests",
    is_flag=True,
    help="With --measure: do not run each project's own tests (most of the time it takes).",
)
def compare_command(
    frameworks: tuple[Framework, ...],
    everything: bool,
    concepts: tuple[str, ...],
    measure: bool,
    fmt: str,
    output: Path | None,
    runs: int | None,
    seconds: float | None,
    skip_tests: bool,
) -> None:
    """Compare frameworks side by side, from their generated skeletons.

    Files, lines, file trees, batteries, the claims of the classic comparison, and
    each concept (routing, views, templates, models, forms...) as each framework
    writes it; --concept shows only the concepts named. --measure adds installed
    distributions, disk, cold start, memory, requests per second and whether the
    project's own tests pass.

    \b
    Examples:
      scaffold compare flask django
      scaffold compare flask bottle --concept routing --concept template
      scaffold compare --all --measure --format html -o compare.html
    """
    from . import registry
    from .compare import core, formats

    if everything == bool(frameworks):
        raise click.UsageError("Name the frameworks to compare, or pass --all (not both).")
    chosen = list(registry.discover().values()) if everything else list(frameworks)
    # A starter that offers two interfaces is shown once for each (falcon:wsgi, falcon:asgi).
    views = [view for framework in chosen for view in framework.each_interface()]
    chosen = list({view.label: view for view in views}.values())
    with click.progressbar(
        length=len(chosen),  # the comparison tells the real total as it goes
        label="Measuring",
        hidden=not measure,
        file=sys.stderr,
        item_show_func=lambda label: label,
    ) as bar:

        def show(done: int, total: int, label: str) -> None:
            bar.length = total
            bar.update(done - bar.pos, label)

        result = core.compare(
            chosen,
            measure=measure,
            progress=show,
            runs=runs,
            seconds=seconds,
            concepts=concepts,
            run_tests=not skip_tests,
        )
    text = formats.render(result, fmt)
    if output is None:
        click.echo(text)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}.", err=True)


cli.add_command(check_command)
cli.add_command(update)


def show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """Show a warning as one line on stderr, as the rest of scaffold's messages are."""
    click.echo(click.style("Warning: ", fg="yellow") + printable(str(message)), err=True)


def main() -> None:
    """Console-script entry point."""
    import warnings

    warnings.showwarning = show_warning
    cli(prog_name="scaffold")
