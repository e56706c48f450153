"""The commands on a project scaffold generated: ``check`` and ``update``.

Like every command, each is one call into the library and a rendering of what
it returns; their exit statuses tell a failed check and a conflict apart from
an error (see the README's table).
"""

from __future__ import annotations

from pathlib import Path

import click

# Exit statuses beyond 0 (done), 1 (an error, with its sentence) and 2 (a bad argument):
EXIT_BEHIND = 1  # update --check: the template has changes for the project
EXIT_CHECK_FAILED = 3  # check: a check of the project failed
EXIT_CONFLICTS = 4  # update: files hold conflict markers to resolve
# Back to the start of the terminal's line, and clear it: a progress line gives way.
CLEAR_LINE = "\r\x1b[K"


@click.command("check")
@click.argument(
    "path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path(".")
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
def check_command(ctx: click.Context, path: Path, fmt: str) -> None:
    """Install a generated project, run its tests, serve it and probe the starter contract.

    This runs the project's own code (its tests, migrations and servers): use it
    only on a project you trust. It works on a scratch copy of the project and
    its data, in a new environment (a .venv in the project is never run), and on
    a scratch database when DATABASE_URL or ZEO_ADDRESS names a server, so your
    files and data are left as they are. On a terminal it shows the step that is
    running. Exits 3 if any check fails.

    \b
    Example:
      scaffold check myapp
    """
    from . import check, report

    live = fmt == "text" and stderr_is_terminal()

    def starting(name: str) -> None:  # "install..." until the step's own line replaces it
        click.echo(f"{name}...", nl=False, err=True)

    def show(step: check.Step) -> None:
        if live:
            click.echo(CLEAR_LINE, nl=False, err=True, color=True)
        if fmt == "text":
            click.echo(report.step_line(step))

    result = check.check_project(path, progress=show, starting=starting if live else None)
    if live:
        click.echo(CLEAR_LINE, nl=False, err=True, color=True)
    if fmt == "json":
        click.echo(report.check_json(result))
    else:
        click.echo(report.check_summary(result))
    if not result.passed:
        ctx.exit(EXIT_CHECK_FAILED)


def stderr_is_terminal() -> bool:
    """Whether progress lines, which rewrite themselves, can go to stderr."""
    import sys

    return sys.stderr.isatty()


@click.command()
@click.argument(
    "path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path(".")
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Exit 1 if the template has changes for the project (for CI); write nothing.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--force", is_flag=True, help="Update even with uncommitted changes in git.")
@click.pass_context
def update(
    ctx: click.Context, path: Path, dry_run: bool, check_only: bool, fmt: str, force: bool
) -> None:
    """Bring template changes into a generated project, keeping your edits.

    Files you never touched take the new template's version; files you and the
    template both changed are merged, with conflict markers where you changed the
    same lines (then it exits 4, and refuses to go on until they are resolved).
    With --check it only says whether the project is behind its template: exit 0
    when it is current, 1 when the template has changes for it.

    \b
    Examples:
      scaffold update myapp --dry-run
      scaffold update myapp
      scaffold update myapp --check --format json
    """
    from . import report
    from .update import update_project

    result = update_project(path, dry_run=dry_run or check_only, force=force)
    if fmt == "json":
        click.echo(report.update_json(result))
    elif check_only:
        click.echo(report.update_check_text(result))
    else:
        click.echo(report.update_text(result))
    if check_only and not result.up_to_date:
        ctx.exit(EXIT_BEHIND)
    if result.conflicts and not result.dry_run:
        ctx.exit(EXIT_CONFLICTS)
