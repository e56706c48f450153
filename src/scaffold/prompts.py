"""Questions at the terminal for ``scaffold new``: menus by number or name, checked answers.

Every answer is checked as it is typed, by the library's own rules; a refused
answer is asked again with the reason (Click prints it and repeats the prompt).
Every prompt says what it takes: ``[Y/n]`` for a yes/no question, the range of
numbers for a menu.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .contract import CATEGORIES
from .errors import ScaffoldError

if TYPE_CHECKING:
    from .questions import Question
    from .registry import Framework

T = TypeVar("T")


def choose_framework() -> Framework:
    """Ask for a framework from a numbered menu grouped by category: a number or a key."""
    from . import registry

    frameworks = registry.discover()
    numbered: list[Framework] = []
    for category in CATEGORIES:
        group = [fw for fw in frameworks.values() if fw.category == category]
        if group:
            click.echo(f"{category}:")
        for fw in group:
            numbered.append(fw)
            click.echo(f"  {len(numbered):>2}. {fw.title} ({fw.key})")
    return _pick("Framework", "key", numbered, "1", lambda key: registry.get(key, frameworks))


def ask_name(framework: Framework) -> str:
    """Ask for NAME, the project's directory, checked as `new` checks it on the command line."""
    from .names import validate_name

    def check(text: str) -> str:
        validate_name(text, framework.reserved_names)
        return text.strip()

    name: str = click.prompt(
        "Project name (its directory, such as blog-demo)", value_proc=_refusing(check)
    )
    return name


def ask(question: Question, default: Any, check: Callable[[str], Any]) -> Any:
    """Ask one of a template's questions; ``check`` turns the text into the answer."""
    if question.is_choice:
        for number, choice in enumerate(question.choices, 1):
            click.echo(f"  {number}. {choice}")
        return _pick(question.prompt, "name", list(question.choices), str(default), check)
    if isinstance(question.default, bool):
        hint = "[Y/n]" if default else "[y/N]"
        return click.prompt(
            f"{question.prompt} {hint}",
            default="yes" if default else "no",
            show_default=False,
            value_proc=_refusing(check),
        )
    return click.prompt(question.prompt, default=str(default), value_proc=_refusing(check))


def _pick(
    prompt: str, word: str, items: Sequence[T], default: str, by_name: Callable[[str], T]
) -> T:
    """One of ``items``, by its number in the menu or by name (``word`` says which name)."""
    named = _refusing(by_name)
    numbers = f"1-{len(items)}" if len(items) > 1 else "1"

    def choose(text: str) -> T:
        text = text.strip()
        if text.isdigit():
            if 1 <= int(text) <= len(items):
                return items[int(text) - 1]
            raise click.BadParameter(f"Choose a number from 1 to {len(items)}, or a {word}.")
        return named(text)

    chosen: T = click.prompt(
        f"{prompt} [{numbers} or a {word}]", default=default, value_proc=choose
    )
    return chosen


def _refusing(check: Callable[[str], T]) -> Callable[[str], T]:
    """``check`` with its refusals as Click's "ask again" error."""

    def checked(text: str) -> T:
        try:
            return check(text)
        except ScaffoldError as exc:
            raise click.BadParameter(str(exc)) from None

    return checked
