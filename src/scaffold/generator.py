"""Render a framework's template into a new project, atomically.

This is the one module that imports cookiecutter, and only inside functions, so
commands that never generate anything do not pay for it. Rendering happens in a
temporary directory beside the target; only a complete project is moved into
place, so a refused answer, a broken template or Ctrl-C leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__, answers, snapshot
from .errors import (
    GenerationError,
    InvalidAnswerError,
    OutputDirError,
    ProjectExistsError,
    TemplateMetadataError,
)
from .names import ProjectNames, check_answer_value, check_package, validate_name
from .registry import Framework

TRUE_WORDS = frozenset({"1", "true", "t", "yes", "y", "on"})
FALSE_WORDS = frozenset({"0", "false", "f", "no", "n", "off"})
# Answers that scaffold derives from NAME; the rest are the template's questions.
NAME_KEYS = ("project_name", "project_slug", "package_name")


@dataclass(frozen=True)
class Question:
    """A variable the template asks for, with its prompt and default."""

    key: str
    prompt: str
    default: Any


@dataclass(frozen=True)
class GeneratedProject:
    """What `generate` made."""

    path: Path
    framework: Framework
    names: ProjectNames
    files: tuple[str, ...]
    seconds: float


def template_variables(framework: Framework) -> dict[str, Any]:
    """The template's ``cookiecutter.json``, as written."""
    config_file = framework.path / "cookiecutter.json"
    try:
        return json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TemplateMetadataError(f"Cannot read {config_file}: {exc}.") from exc


def questions(framework: Framework) -> list[Question]:
    """The template's public variables, in order, with their prompts."""
    variables = template_variables(framework)
    prompts = variables.get("__prompts__", {})
    return [
        Question(key=key, prompt=str(prompts.get(key, key)), default=value)
        for key, value in variables.items()
        if not key.startswith("_")
    ]


def convert_answers(framework: Framework, raw: Mapping[str, str]) -> dict[str, Any]:
    """Check ``--set`` answers against the template and convert them to each variable's type."""
    if not raw:
        return {}
    known = {question.key: question.default for question in questions(framework)}
    converted: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise InvalidAnswerError(
                f"The {framework.title} template has no variable {key!r}."
                f" Known variables: {', '.join(known)}."
            )
        converted[key] = _convert(key, value, known[key])
    return converted


def _convert(key: str, value: str, default: Any) -> Any:
    if isinstance(default, bool):
        word = value.strip().lower()
        if word in TRUE_WORDS | FALSE_WORDS:
            return word in TRUE_WORDS
        raise InvalidAnswerError(f"{key!r} is a yes/no variable; give yes or no, not {value!r}.")
    if isinstance(default, int):
        try:
            return int(value)
        except ValueError:
            raise InvalidAnswerError(f"{key!r} needs a whole number, not {value!r}.") from None
    if isinstance(default, list):
        choices = [str(choice) for choice in default]
        if value not in choices:
            raise InvalidAnswerError(f"{key!r} must be one of {', '.join(choices)}.")
        return value
    check_answer_value(key, value)
    return value


def generate(
    framework: Framework,
    name: str,
    output_dir: Path,
    *,
    extra: Mapping[str, Any] | None = None,
    force: bool = False,
) -> GeneratedProject:
    """Render ``framework``'s template as project ``name`` inside ``output_dir``.

    ``extra`` holds answers already converted by `convert_answers`. Without
    ``force`` an existing target is an error; with it, rendered files replace
    their namesakes and the user's other files stay.
    """
    started = time.perf_counter()
    names = validate_name(name, framework.reserved_names)
    output_dir = output_dir.resolve()
    target = output_dir / names.slug
    if (target.exists() or target.is_symlink()) and not force:
        raise ProjectExistsError(
            f"{target} already exists. Choose another name or -o DIR, or pass --force to"
            " write the template's files into it (your other files are kept)."
        )
    if target.exists() and not target.is_dir():
        raise ProjectExistsError(f"{target} exists and is not a directory; move it away first.")

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

    staging = _staging_dir(output_dir, names.slug)
    try:
        rendered, context = render(framework, context_answers, staging)
        record(framework, rendered, context)
        files = tuple(sorted(_relative_files(rendered)))
        _move_into_place(rendered, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return GeneratedProject(
        path=target,
        framework=framework,
        names=names,
        files=files,
        seconds=time.perf_counter() - started,
    )


def _staging_dir(output_dir: Path, slug: str) -> Path:
    """A private temporary directory beside the target, on the same file system."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{slug}.scaffold-", dir=output_dir))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputDirError(
            f"Cannot write to {output_dir} ({reason}); choose another directory with -o."
        ) from exc


def record(framework: Framework, project: Path, context: Mapping[str, Any]) -> None:
    """Write the answers file and the merge base of a freshly rendered project."""
    base = snapshot.take(project, generated_values(context))
    answers.write(
        project,
        answers.Answers(
            framework=framework.key,
            scaffold_version=__version__,
            template_fingerprint=answers.fingerprint(framework.path),
            answers=answers.public_answers(context),
        ),
    )
    snapshot.save(project, base)


def generated_values(context: Mapping[str, Any]) -> dict[str, Any]:
    """Values the template generated itself (``__`` variables), such as secrets."""
    return {
        key: value
        for key, value in context.items()
        if key.startswith("__") and key != "__prompts__"
    }


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
    framework: Framework, context_answers: Mapping[str, Any], staging: Path
) -> tuple[Path, dict[str, Any]]:
    """Render the template into ``staging``; return the project folder and its context."""
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
    return Path(project), context["cookiecutter"]


def _move_into_place(rendered: Path, target: Path) -> None:
    """Move a complete rendering to ``target``, merging into it if it exists."""
    if not target.exists():
        try:
            rendered.rename(target)
        except OSError as exc:
            raise OutputDirError(f"Cannot create {target} ({exc.strerror or exc}).") from exc
        return
    for relative in _relative_files(rendered):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(rendered / relative, destination)


def _relative_files(root: Path) -> list[str]:
    return [
        Path(folder, name).relative_to(root).as_posix()
        for folder, _dirs, names in os.walk(root)
        for name in names
    ]
