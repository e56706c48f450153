"""Plain data in, text or JSON out, for `list`, `info`, `check` and `update`.

Text may carry Click's styles (`styled`): Click drops them when the output is
not a terminal, and the CLI turns them off when ``NO_COLOR`` is set. JSON never
holds a style.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import click

from .contract import CATEGORIES, FEATURE_KEYS, FEATURE_LABELS
from .registry import Framework, rendered_path
from .terminal import plural, printable

if TYPE_CHECKING:
    from .check import CheckReport, Step
    from .compare.concepts import ConceptCode
    from .update import UpdateResult


# How each kind of word looks on a terminal that takes colour.
STYLES: dict[str, dict[str, Any]] = {
    "ok": {"fg": "green"},
    "fail": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow"},
    "heading": {"bold": True},
}


def styled(text: str, kind: str) -> str:
    """``text`` in the style of its kind (see `STYLES`)."""
    return click.style(text, **STYLES[kind])


def framework_summary(framework: Framework) -> dict[str, Any]:
    """A framework's metadata as JSON-ready data with stable keys."""
    return {
        "key": framework.key,
        "title": framework.title,
        "category": framework.category,
        "summary": framework.summary,
        "description": framework.description,
        "homepage": framework.homepage,
        "aliases": list(framework.aliases),
        "dependencies": list(framework.dependencies),
        "interface": dict(framework.interface),
        "features": {name: framework.features.get(name) for name in FEATURE_KEYS},
        "notice": framework.notice,
        "known_gaps": list(framework.known_gaps),
    }


def list_json(frameworks: Iterable[Framework]) -> str:
    return json.dumps([framework_summary(fw) for fw in frameworks], indent=2)


def list_text(frameworks: Iterable[Framework]) -> str:
    """Frameworks grouped by category, one aligned line each."""
    frameworks = list(frameworks)
    width = max((len(fw.key) for fw in frameworks), default=0)
    lines: list[str] = []
    for category in CATEGORIES:
        group = [fw for fw in frameworks if fw.category == category]
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{category}:")
        for fw in group:
            kinds = "+".join(fw.interface).upper()
            aliases = f" (also: {', '.join(fw.aliases)})" if fw.aliases else ""
            lines.append(f"  {fw.key:<{width}}  {kinds:<9} {fw.title} - {fw.summary}{aliases}")
    return "\n".join(lines) if lines else "No frameworks found."


def info_text(framework: Framework, package: str = "<package>") -> str:
    """What a framework is and what its skeleton contains, file by file."""
    why = category_reason(framework)
    lines = [
        f"{framework.title} ({framework.key}) - {framework.category}: {why}.",
        "",
        framework.description,
        "",
    ]
    if framework.notice:
        lines += [styled(f"Note: {framework.notice}", "warning"), ""]
    if framework.homepage:
        lines.append(f"Homepage:      {framework.homepage}")
    lines.append(f"Depends on:    {', '.join(framework.dependencies)}")
    from .runtime.interfaces import describe  # here: `list` never pays for it

    lines.append(f"Interface:     {describe(framework.interface)}")
    lines.append("")
    lines.append(styled("What the starter shows:", "heading"))
    for name in FEATURE_KEYS:
        value = framework.features.get(name)
        shown = "yes" if value is True else ("-" if value in (None, False) else str(value))
        lines.append(f"  {FEATURE_LABELS[name]:<10} {shown}")
    options = option_lines(framework)
    if options:
        lines += ["", styled("Options (scaffold new NAME --set KEY=VALUE):", "heading"), *options]
    if framework.files:
        lines += ["", styled("The skeleton, file by file:", "heading")]
        paths = {path: rendered_path(path, package) for path in framework.files}
        width = max(len(shown) for shown in paths.values())
        for path, note in framework.files.items():
            lines.append(f"  {paths[path]:<{width}}  {rendered_path(note, package)}")
    if framework.concepts:
        from .compare.concepts import CONCEPTS

        heading = f"Concepts (scaffold info {framework.key} --concept NAME shows the code):"
        lines += ["", styled(heading, "heading")]
        width = max(len(name) for name in framework.concepts)
        for name in CONCEPTS:
            spec = framework.concepts.get(name)
            if spec is not None:
                where = rendered_path(spec["file"], package)
                anchor = spec.get("symbol") or spec.get("region")
                lines.append(f"  {name:<{width}}  {where}{f': {anchor}' if anchor else ''}")
    if framework.known_gaps:
        lines += ["", styled("Where it differs from the starter contract:", "heading")]
        lines += [f"  - {gap}" for gap in framework.known_gaps]
    return "\n".join(lines)


def wants_colour() -> bool:
    """Whether standard output takes colour: a terminal, and neither NO_COLOR nor TERM=dumb."""
    import os
    import sys

    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def concept_text(framework: Framework, code: ConceptCode | None, *, colour: bool) -> str:
    """One concept of a framework's starter: where it lives, then its code."""
    from .compare.concepts import CONCEPTS
    from .compare.view import concept_source

    if code is None:
        return f"The {framework.title} starter does not show this concept."
    label = CONCEPTS[code.concept]
    if code.problem:
        return f"{framework.title}: {label}. Not found: {code.problem}"
    body = code.code
    if colour:
        from .compare.highlight import to_terminal

        body = to_terminal(code.code, code.language)
    return f"{framework.title}: {label}, in {concept_source(code)}\n\n{body}"


def option_lines(framework: Framework) -> list[str]:
    """The template's choice and yes/no variables: their values, default first, and why."""
    from .questions import questions

    lines = []
    for question in questions(framework):
        if question.is_choice:
            values = ", ".join(question.choices)
        elif isinstance(question.default, bool):
            values = "yes, no" if question.default else "no, yes"
        else:
            continue
        lines.append(f"  {question.key:<10} {values} (the first is the default)")
        note = framework.option_notes.get(question.key)
        if note:
            lines.append(f"  {'':<10} {note}")
    return lines


def category_reason(framework: Framework) -> str:
    """Why the framework is in its category, from the batteries its starter shows."""
    batteries = [
        FEATURE_LABELS[name]
        for name in ("database", "admin", "auth", "forms")
        if framework.features.get(name)
    ]
    if framework.is_full_stack:
        shown = ", ".join(batteries) if batteries else "its own components"
        return f"it ships the batteries in one stack, and this starter uses them: {shown}"
    extras = f"; this starter adds {', '.join(batteries)}" if batteries else ""
    return (
        "it gives you routing, requests and responses, and leaves the database, forms,"
        f" auth and admin to libraries you choose{extras}"
    )


def step_line(step: Step) -> str:
    """One line for a verification step: passed, or the reason it failed."""
    timing = f" ({step.seconds:.1f} s)" if step.seconds >= 0.05 else ""
    line = f" {step.name}{timing}"
    if not step.passed and step.detail:
        indented = "\n       ".join(step.detail.splitlines())
        line += f"\n       {indented}"
    mark = styled("ok  ", "ok") if step.passed else styled("FAIL", "fail")
    return mark + printable(line)  # the style after `printable`, which would escape it


def check_summary(report: CheckReport) -> str:
    failed = len(report.failures)
    total = len(report.steps)
    name = printable(report.project.name)
    if not failed:
        return styled(f"All {total} checks passed for {name} ({report.framework}).", "ok")
    return styled(f"{failed} of {total} checks failed for {name} ({report.framework}).", "fail")


def check_json(report: CheckReport) -> str:
    return json.dumps(
        {
            "project": str(report.project),
            "framework": report.framework,
            "passed": report.passed,
            "steps": [
                {"name": s.name, "passed": s.passed, "detail": s.detail, "seconds": s.seconds}
                for s in report.steps
            ],
        },
        indent=2,
    )


def update_json(result: UpdateResult) -> str:
    """What an update found (and did, unless a dry run), for scripts and CI."""
    return json.dumps(
        {
            "project": str(result.project),
            "framework": result.framework,
            "up_to_date": result.up_to_date,
            "dry_run": result.dry_run,
            "resumed": result.resumed,
            "changes": [{"path": c.path, "action": c.action} for c in result.changes],
            "conflicts": result.conflicts,
            "blocked": result.blocked,
        },
        indent=2,
    )


def update_check_text(result: UpdateResult) -> str:
    """Whether a project is behind its template, and what an update would change."""
    name, framework = result.project.name, result.framework
    if result.up_to_date:
        return _lines([(f"{name} is up to date with the installed {framework} template.", "ok")])
    if not result.changes:
        first = (
            f"{name} records an older {framework} template, but no file needs to change;"
            " 'scaffold update' records the new one."
        )
        return _lines([(first, "warning")])
    first = f"{name} is behind the installed {framework} template; 'scaffold update' would change:"
    return _lines(
        [(first, "warning")]
        + [(f"  {change.action:<8}  {change.path}", "") for change in result.changes]
    )


def update_text(result: UpdateResult) -> str:
    """A summary of an update, and with ``--dry-run`` the diff it would apply."""
    resumed = [("Finished an update that was interrupted earlier.", "")] if result.resumed else []
    return _lines(resumed + _update_summary(result))


def _lines(lines: list[tuple[str, str]]) -> str:
    """Lines of (text, style): the text made `printable` first, then styled."""
    return "\n".join(
        styled(printable(text), kind) if kind else printable(text) for text, kind in lines
    )


def _update_summary(result: UpdateResult) -> list[tuple[str, str]]:
    name, framework = result.project.name, result.framework
    if result.up_to_date:
        return [(f"{name} is up to date with the installed {framework} template.", "ok")]
    if not result.changes:
        return [
            (
                f"The {framework} template changed, but no file of {name} needs to; the"
                " answers file now records the new template.",
                "",
            )
        ]
    verb = "Would change" if result.dry_run else "Changed"
    lines = [(f"{verb} {plural(len(result.changes), 'file')} in {name}:", "heading")]
    width = max(len(change.action) for change in result.changes)
    lines += [(f"  {change.action:<{width}}  {change.path}", "") for change in result.changes]
    if result.conflicts:
        conflicts = (
            f"{plural(len(result.conflicts), 'file')} with conflicts: both you and the template"
            " changed the same lines. Resolve the <<<<<<< markers in:"
        )
        lines += [("", ""), (conflicts, "warning")]
        lines += [(f"  {path}", "") for path in result.conflicts]
    if result.blocked:
        blocked = (
            f"{plural(len(result.blocked), 'file')} of the template not written: a file or"
            " folder of yours stands where it goes, and is left as it is:"
        )
        lines += [("", ""), (blocked, "warning")]
        lines += [(f"  {path}", "") for path in result.blocked]
    if result.dry_run:
        lines.append(("", ""))
        lines += [(change.diff.rstrip("\n"), "") for change in result.changes if change.diff]
    return lines
