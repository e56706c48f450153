"""Render a template with cookiecutter: the one module that imports it.

Cookiecutter is imported inside the functions, so commands that never render
pay nothing for it. Rendering goes through cookiecutter's own steps (its context,
its prompts with no input, its file generation), so a template renders here
exactly as ``cookiecutter --no-input`` renders it (a test holds them to the same
bytes), with two documented seams for speed: files without Jinja syntax are
copied (``_copy_without_render``) and compiled templates are cached
(``_jinja2_env_vars``, see `render_cache`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import answers, render_cache
from .errors import GenerationError
from .registry import Framework

BYTECODE_SUFFIXES = (".pyc", ".pyo")


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
        # An undefined variable's exception carries the whole context: say only what failed.
        reason = getattr(exc, "message", None) or str(exc)
        error = getattr(exc, "error", None)
        if error is not None and getattr(error, "message", None):
            reason = f"{reason} {error.message}"
        raise GenerationError(
            f"The {framework.title} template could not be rendered ({reason}); nothing was written."
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
