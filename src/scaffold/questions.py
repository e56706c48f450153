"""A template's variables: what to ask, and how to convert and check the answers.

Answers come from three places, and one set of rules checks them all: ``--set
key=value`` on the command line (strings, converted to each variable's type),
the interactive prompts (checked as they are typed), and a project's own
``.scaffold.json`` when `update` renders the template again. A project's files
are untrusted input: a recorded value is checked exactly like a typed one, so a
committed answers file cannot smuggle template code into Jinja.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import (
    InvalidAnswerError,
    InvalidProjectFileError,
    ScaffoldError,
)
from .names import ProjectNames, check_answer_value, check_package, validate_name
from .registry import Framework

TRUE_WORDS = frozenset({"1", "true", "t", "yes", "y", "on"})
FALSE_WORDS = frozenset({"0", "false", "f", "no", "n", "off"})
# The project's directory is NAME itself: no answer sets it.
SLUG = "project_slug"


@dataclass(frozen=True)
class Question:
    """A variable the template asks for, with its prompt and default.

    ``default`` is the value as ``cookiecutter.json`` writes it: a string, a
    boolean (a yes/no question), a number, or a list (a choice; its first item
    is the default).
    """

    key: str
    prompt: str
    default: Any

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(str(choice) for choice in self.default) if self.is_choice else ()

    @property
    def is_choice(self) -> bool:
        return isinstance(self.default, list)


def template_variables(framework: Framework) -> dict[str, Any]:
    """The template's ``cookiecutter.json``, as written (the registry parsed it once)."""
    return dict(framework.variables)


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
    known = {question.key: question for question in questions(framework) if question.key != SLUG}
    converted: dict[str, Any] = {}
    for key, value in raw.items():
        if key == SLUG:
            raise InvalidAnswerError(
                "The project directory is NAME itself; give the name you want as NAME instead of"
                f" --set {SLUG}."
            )
        if key not in known:
            raise InvalidAnswerError(
                f"The {framework.title} template has no variable {key!r}."
                f" Variables --set takes: {', '.join(known)}."
            )
        converted[key] = convert(known[key], value)
    return converted


def convert(question: Question, value: str) -> Any:
    """One typed answer from the text a person gave, or `InvalidAnswerError` saying why."""
    key, default = question.key, question.default
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
    if question.is_choice:
        if value not in question.choices:
            raise InvalidAnswerError(f"{key!r} must be one of {', '.join(question.choices)}.")
        return value
    check_answer_value(key, value)
    return value


# How a person is asked one question: given the question, its default and a
# function that turns typed text into the answer (raising `InvalidAnswerError`
# with the reason), return the answer.
Ask = Callable[[Question, Any, Callable[[str], Any]], Any]


def ask_remaining(
    framework: Framework, names: ProjectNames, given: Mapping[str, Any], ask: Ask
) -> dict[str, Any]:
    """Ask, in order, every question that NAME and ``given`` left open."""
    defaults = {"project_name": names.title, "package_name": names.package}
    answered = dict(given)
    for question in questions(framework):
        if question.key in answered or question.key == SLUG:
            continue

        def check(text: str, question: Question = question) -> Any:
            value = convert(question, text)
            if question.key == "package_name":
                check_package(value, framework.reserved_names)
            return value

        default = question.choices[0] if question.is_choice else question.default
        answered[question.key] = ask(question, defaults.get(question.key, default), check)
    return answered


def check_recorded(
    framework: Framework, recorded: Mapping[str, Any], source: str
) -> dict[str, Any]:
    """The answers a project recorded, checked by the rules of `new`, ready to render.

    ``source`` names the file they came from, for the message. A variable the
    template no longer has is dropped, never passed to the renderer.
    """
    known = {question.key: question for question in questions(framework)}
    checked: dict[str, Any] = {}
    for key, value in recorded.items():
        if key not in known:
            continue
        try:
            checked[key] = _check_recorded_value(framework, known[key], value)
        except ScaffoldError as exc:
            raise InvalidProjectFileError(
                f"{source}: the answer {key!r} is refused ({exc}) Restore the file from"
                " version control."
            ) from None
    return checked


def _check_recorded_value(framework: Framework, question: Question, value: Any) -> Any:
    default = question.default
    if question.key == SLUG:
        _expect(isinstance(value, str), "it must be text.")
        validate_name(value)
        return value
    if question.key == "package_name":
        _expect(isinstance(value, str), "it must be text.")
        check_package(value, framework.reserved_names)
        return value
    if isinstance(default, bool):
        _expect(isinstance(value, bool), "it must be true or false.")
        return value
    if isinstance(default, int):
        _expect(isinstance(value, int) and not isinstance(value, bool), "it must be a number.")
        return value
    _expect(isinstance(value, str), "it must be text.")
    return convert(question, value)


def _expect(condition: bool, reason: str) -> None:
    if not condition:
        raise InvalidAnswerError(reason)
