"""Render a framework's template into a new project, atomically.

This is the one module that imports cookiecutter, and only inside functions, so
commands that never generate anything do not pay for it. Rendering happens in a
staging directory beside the target, where the answers file, the merge base and
(when asked) the first git commit are made too; only then is the project moved
into place, so a refused answer, a broken template, Ctrl-C or a kill leaves
either nothing or the complete project. A staging directory left by a killed run
is removed by the next run for the same name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__, answers, paths, render_cache, snapshot, vcs
from .errors import (
    GenerationError,
    InvalidAnswerError,
    OutputDirError,
    ProjectAlreadyGeneratedError,
    ProjectExistsError,
    UnsafePathError,
)
from .names import ProjectNames, check_package, validate_name
from .questions import Ask, ask_remaining, convert_answers
from .registry import Framework

STAGING_MARK = ".scaffold-"
BYTECODE_SUFFIXES = (".pyc", ".pyo")


@dataclass(frozen=True)
class GeneratedProject:
    """What `generate` made.

    ``kept`` lists the files that ``--force`` found with other content and left
    alone; ``committed`` is how many files a new git repository's first commit
    holds (0: no repository was made).
    """

    path: Path
    framework: Framework
    names: ProjectNames
    files: tuple[str, ...]
    seconds: float
    kept: tuple[str, ...] = ()
    committed: int = 0


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
    _refuse_target(target, force)

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

    _remove_abandoned_staging(output_dir, names.slug)
    staging = _staging_dir(output_dir, names.slug)
    try:
        rendered, context = render(framework, context_answers, staging)
        if record:
            record_project(framework, rendered, context)
        files = tuple(sorted(_relative_files(rendered)))
        kept = _keep_existing(rendered, target, files) if target.exists() else ()
        committed = 0
        if git_message and not (target / ".git").exists() and not vcs.inside_work_tree(output_dir):
            committed = vcs.commit_new_repository(rendered, git_message)
        _move_into_place(rendered, target)
    except OSError as exc:
        raise OutputDirError(
            f"Cannot write the project into {output_dir} ({exc.strerror or exc})."
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return GeneratedProject(
        path=target,
        framework=framework,
        names=names,
        files=tuple(f for f in files if f not in kept),
        seconds=time.perf_counter() - started,
        kept=kept,
        committed=committed,
    )


def _refuse_target(target: Path, force: bool) -> None:
    if target.is_symlink():
        raise UnsafePathError(
            f"{target} is a symbolic link; scaffold never writes through a link, so give the"
            " real directory with -o instead."
        )
    if not target.exists():
        return
    if not force:
        raise ProjectExistsError(
            f"{target} already exists. Choose another name or -o DIR, or pass --force to"
            " add the template's files to it (files you have are never overwritten)."
        )
    if not target.is_dir():
        raise ProjectExistsError(f"{target} exists and is not a directory; move it away first.")
    if (target / answers.ANSWERS_FILE).exists() or (target / snapshot.SNAPSHOT_DIR).exists():
        raise ProjectAlreadyGeneratedError(
            f"{target} already holds a project generated by scaffold; run 'scaffold update"
            f" {target}' to bring in template changes instead of generating over it."
        )


def _staging_dir(output_dir: Path, slug: str) -> Path:
    """A private directory beside the target, on the same file system, named for this process."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        prefix = f".{slug}{STAGING_MARK}{os.getpid()}-"
        return Path(tempfile.mkdtemp(prefix=prefix, dir=output_dir))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputDirError(
            f"Cannot write to {output_dir} ({reason}); choose another directory with -o."
        ) from exc


def _remove_abandoned_staging(output_dir: Path, slug: str) -> None:
    """Remove the staging directories of earlier runs for ``slug`` that were killed."""
    if not output_dir.is_dir():
        return
    for leftover in output_dir.glob(f".{slug}{STAGING_MARK}*"):
        pid_text = leftover.name[len(slug) + 1 + len(STAGING_MARK) :].split("-")[0]
        if leftover.is_dir() and not leftover.is_symlink() and not _running(pid_text):
            shutil.rmtree(leftover, ignore_errors=True)


def _running(pid_text: str) -> bool:
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


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


def needs_hooks(framework: Framework) -> bool:
    """Whether cookiecutter must run the template's hooks for scaffold.

    A template may name a hook that only validates the answers
    (``_scaffold.validation_hook``): scaffold checks the same rules itself before
    rendering (see `names`), so it spares the extra Python process that hook
    costs. Any other hook, such as one that writes files, always runs.
    """
    hooks = framework.path / "hooks"
    names = {path.stem for path in hooks.iterdir() if path.is_file()} if hooks.is_dir() else set()
    return bool(names - {framework.validation_hook})


def render(
    framework: Framework,
    context_answers: Mapping[str, Any],
    staging: Path,
    *,
    copy_plain_files: bool = True,
) -> tuple[Path, dict[str, Any]]:
    """Render the template into ``staging``; return the project folder and its context.

    Files without any Jinja syntax are handed to cookiecutter's documented
    ``_copy_without_render`` list, so it copies them instead of compiling each
    one as a template (about a third of a starter's files; the output is the same
    byte for byte, which a test checks for every template); the others are
    compiled once and cached (see `render_cache`).
    """
    from cookiecutter.exceptions import CookiecutterException, FailedHookException
    from cookiecutter.generate import generate_context, generate_files
    from cookiecutter.prompt import prompt_for_config

    repo_dir = str(framework.path)
    try:
        # default_context={} keeps the user's ~/.cookiecutterrc out of the output.
        context = generate_context(
            context_file=os.path.join(repo_dir, "cookiecutter.json"),
            default_context={},
            extra_context=dict(context_answers),
        )
        context["cookiecutter"] = prompt_for_config(context, no_input=True)
        context["_cookiecutter"] = answers.public_answers(context["cookiecutter"])
        context["cookiecutter"]["_template"] = repo_dir
        context["cookiecutter"]["_output_dir"] = str(staging)
        context["cookiecutter"]["_jinja2_env_vars"] = {
            **context["cookiecutter"].get("_jinja2_env_vars", {}),
            **render_cache.jinja2_env_vars(),
        }
        if copy_plain_files:
            context["cookiecutter"]["_copy_without_render"] = [
                *context["cookiecutter"].get("_copy_without_render", []),
                *plain_files(framework),
            ]
        project = generate_files(
            repo_dir=repo_dir,
            context=context,
            output_dir=str(staging),
            accept_hooks=needs_hooks(framework),
        )
    except FailedHookException as exc:
        raise GenerationError(
            f"The {framework.title} template refused these answers ({exc}); nothing was written."
        ) from exc
    except CookiecutterException as exc:
        raise GenerationError(
            f"The {framework.title} template could not be rendered ({exc}); nothing was written."
        ) from exc
    _remove_build_leftovers(Path(project))
    _protect_local_files(Path(project), framework.local_files)
    return Path(project), context["cookiecutter"]


def _protect_local_files(project: Path, local_files: tuple[str, ...]) -> None:
    """Make the local files (``.env``: the development secret) readable by their owner only."""
    for relative in local_files:
        path = project / relative
        if path.is_file() and not path.is_symlink():
            path.chmod(0o600)


JINJA_MARKERS = ("{{", "{%", "{#")


def plain_files(framework: Framework) -> list[str]:
    """The template's files that hold no Jinja syntax, as ``_copy_without_render`` patterns.

    Paths are relative to the template's project folder, as cookiecutter matches
    them, with glob characters escaped so each pattern matches only its file. A
    file with a condition in its name (``{% if ... %}``) is left to be rendered:
    cookiecutter skips an empty name only for files it renders.
    """
    import glob

    found = []
    for project_dir in framework.path.glob("{{*}}"):
        for folder, dirs, names in os.walk(project_dir):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in names:
                path = Path(folder, name)
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue  # binary: cookiecutter copies it anyway
                relative = path.relative_to(project_dir).as_posix()
                if "{%" not in relative and not any(mark in text for mark in JINJA_MARKERS):
                    found.append(glob.escape(relative))
    return found


def _remove_build_leftovers(project: Path) -> None:
    """Drop what an install left in the template and cookiecutter copied along.

    A plain ``pip install .`` byte-compiles the templates' ``.py`` files; their
    ``__pycache__`` folders are not part of any template. Folders left empty by a
    file whose name rendered empty (an option that was off) go too.
    """
    for folder, _dirs, names in os.walk(project, topdown=False):
        here = Path(folder)
        if here.name == "__pycache__":
            shutil.rmtree(here, ignore_errors=True)
            continue
        for name in names:
            if name.endswith(BYTECODE_SUFFIXES):
                (here / name).unlink()
        if here != project and not any(here.iterdir()):
            here.rmdir()


def _keep_existing(rendered: Path, target: Path, files: tuple[str, ...]) -> tuple[str, ...]:
    """Take out of ``rendered`` every file ``target`` already has with other content.

    Nothing is written yet: a symlink anywhere on the way to a file is refused
    first, so a link inside the target can never redirect a write.
    """
    paths.refuse_links_for_all(target, files)
    kept = []
    for relative in files:
        existing = target / relative
        if not (existing.exists() or existing.is_symlink()):
            continue
        if existing.is_file() and existing.read_bytes() == (rendered / relative).read_bytes():
            continue
        kept.append(relative)
        (rendered / relative).unlink()
    return tuple(kept)


def _move_into_place(rendered: Path, target: Path) -> None:
    """Move a complete rendering to ``target``, adding to it if it exists.

    Into an existing directory the answers file and the merge base move last, so
    a run killed half-way leaves no answers file, and the next ``--force`` run
    completes the project instead of refusing it.
    """
    if not target.exists():
        rendered.rename(target)
        return
    own = set(snapshot.OWN_FILES)
    ordered = sorted(_relative_files(rendered), key=lambda relative: relative in own)
    for relative in ordered:
        paths.refuse_links(target, relative)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(rendered / relative, destination)
    if (rendered / ".git").is_dir():
        (rendered / ".git").rename(target / ".git")


def _relative_files(root: Path) -> list[str]:
    """Every file below ``root``, as relative POSIX paths, leaving out a ``.git`` folder."""
    found: list[str] = []
    for folder, dirs, names in os.walk(root):
        if Path(folder) == root:
            dirs[:] = [d for d in dirs if d != ".git"]
        found.extend(Path(folder, name).relative_to(root).as_posix() for name in names)
    return found
