"""``scaffold new`` as a library: check the answers, render, record, commit, place.

Each job has its module: `rendering` (cookiecutter), `staging` (where a
rendering waits and how it takes its place), `answers` and `snapshot` (what a
project records), `vcs` (its first commit). Rendering happens in a staging
directory beside the target, where the answers file, the merge base and (when
asked) the first git commit are made too; only then is the project moved into
place, so a refused answer, a broken template, Ctrl-C or a kill leaves either
nothing or the complete project.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__, answers, snapshot, staging, vcs
from .errors import InvalidAnswerError, OutputDirError, ScaffoldError
from .names import ProjectNames, check_package, validate_name
from .questions import Ask, ask_remaining, convert_answers
from .registry import Framework
from .rendering import render

__all__ = [
    "GeneratedProject",
    "earlier_project",
    "generate",
    "new_project",
    "record_project",
    "render",
]


@dataclass(frozen=True)
class GeneratedProject:
    """What `generate` made.

    ``kept`` lists the files that ``--force`` found with other content and left
    alone; ``committed`` is how many files a new git repository's first commit
    holds (0: no repository was made), and ``uncommitted`` the files written but
    left out of it (git-ignored, such as ``.env``). ``package`` is the Python
    package the project has (NAME's, or the one ``--set package_name`` gave).
    """

    path: Path
    framework: Framework
    names: ProjectNames
    files: tuple[str, ...]
    seconds: float
    kept: tuple[str, ...] = ()
    committed: int = 0
    uncommitted: tuple[str, ...] = ()
    package: str = ""


def new_project(
    framework: Framework,
    name: str,
    output_dir: Path,
    *,
    settings: Mapping[str, str] | None = None,
    ask: Ask | None = None,
    force: bool = False,
    git_message: str | None = None,
) -> GeneratedProject:
    """``scaffold new`` as one call: check NAME and ``settings``, ask the rest, generate.

    ``settings`` are ``--set`` answers as text; ``ask`` (for a person at a
    terminal) is called for every question they left open, with a check that
    refuses a bad answer before the next question.
    """
    names = validate_name(name, framework.reserved_names)
    answers_given = convert_answers(framework, settings or {})
    if ask is not None:
        answers_given = ask_remaining(framework, names, answers_given, ask)
    return generate(
        framework, name, output_dir, extra=answers_given, force=force, git_message=git_message
    )


def earlier_project(
    framework: Framework, name: str, output_dir: Path, settings: Mapping[str, str]
) -> Path | None:
    """The project that ``new`` with these arguments generated earlier, if it is there.

    That is the target directory holding an answers file for ``framework`` whose
    answers agree with NAME and every ``settings`` answer: running the same
    command again may then finish what it left undone (an interrupted install).
    """
    names = validate_name(name, framework.reserved_names)
    target = output_dir.resolve() / names.slug
    if target.is_symlink() or not (target / answers.ANSWERS_FILE).is_file():
        return None
    try:
        recorded = answers.read(target)
    except ScaffoldError:
        return None
    given = {"project_slug": names.slug, **convert_answers(framework, settings)}
    if recorded.framework != framework.key:
        return None
    if any(recorded.answers.get(key) != value for key, value in given.items()):
        return None
    return target


def generate(
    framework: Framework,
    name: str,
    output_dir: Path,
    *,
    extra: Mapping[str, Any] | None = None,
    force: bool = False,
    git_message: str | None = None,
    record: bool = True,
) -> GeneratedProject:
    """Render ``framework``'s template as project ``name`` inside ``output_dir``.

    ``extra`` holds answers already converted by `convert_answers`. Without
    ``force`` an existing target is an error; with it, the template's files are
    added to the directory and a file that exists with other content is kept as
    it is. A directory that already holds a generated project is refused (that
    is what ``scaffold update`` is for). With ``git_message``, a project that is
    not inside another git work tree, and has no repository yet, gets a new one
    with a first commit of exactly the files scaffold wrote. ``record=False``
    leaves out the answers file and the merge base (for a throwaway rendering,
    such as the one `compare` examines).
    """
    started = time.perf_counter()
    names = validate_name(name, framework.reserved_names)
    output_dir = output_dir.resolve()
    target = output_dir / names.slug
    staging.refuse_target(target, force)

    if (extra or {}).get("project_slug", names.slug) != names.slug:
        raise InvalidAnswerError(
            "The project directory is NAME itself; give the name you want as NAME instead of"
            " --set project_slug."
        )
    context_answers = {
        "project_name": names.title,
        "project_slug": names.slug,
        "package_name": names.package,
        **dict(extra or {}),
    }
    if context_answers["package_name"] != names.package:
        check_package(context_answers["package_name"], framework.reserved_names)

    staging.remove_abandoned(output_dir, names.slug)
    folder = staging.staging_dir(output_dir, names.slug)
    try:
        rendered, context = render(framework, context_answers, folder)
        if record:
            record_project(framework, rendered, context)
        files = tuple(sorted(staging.relative_files(rendered)))
        kept = staging.keep_existing(rendered, target, files) if target.exists() else ()
        committed = 0
        uncommitted: tuple[str, ...] = ()
        if git_message and not (target / ".git").exists() and not vcs.inside_work_tree(output_dir):
            committed = vcs.commit_new_repository(rendered, git_message)
            if committed:
                tracked = vcs.tracked_files(rendered)
                uncommitted = tuple(f for f in files if f not in kept and f not in tracked)
        staging.move_into_place(rendered, target)
    except OSError as exc:
        raise OutputDirError(
            f"Cannot write the project into {output_dir} ({exc.strerror or exc})."
        ) from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return GeneratedProject(
        path=target,
        framework=framework,
        names=names,
        files=tuple(f for f in files if f not in kept),
        seconds=time.perf_counter() - started,
        kept=kept,
        committed=committed,
        uncommitted=uncommitted,
        package=str(context_answers["package_name"]),
    )


def record_project(
    framework: Framework,
    project: Path,
    context: Mapping[str, Any],
    *,
    base: snapshot.Snapshot | None = None,
    fingerprint: str | None = None,
) -> None:
    """Write the answers file and the merge base of a freshly rendered project.

    A caller that already holds the rendering's snapshot or the template's
    fingerprint (`update` does) passes them in rather than having them made again.
    """
    base = base or snapshot.take(project, exclude=framework.local_files)
    answers.write(
        project,
        answers.Answers(
            framework=framework.key,
            scaffold_version=__version__,
            template_fingerprint=fingerprint or answers.fingerprint(framework.path),
            answers=answers.public_answers(context),
        ),
    )
    snapshot.save(project, base)
