"""Questions at the terminal for ``scaffold new``: menus by number or name, checked answers.

Every answer is checked as it is typed, by the library's own rules; a refused
answer is asked again with the reason (Click prints it and repeats the prompt).
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
        click.echo(f"{category}:")
        for fw in (fw for fw in frameworks.values() if fw.category == category):
            numbered.append(fw)
            click.echo(f"  {len(numbered):>2}. {fw.title} ({fw.key})")
    return _pick(
        "Framework (number or key)", numbered, "1", lambda key: registry.get(key, frameworks)
    )


def ask(question: Question, default: Any, check: Callable[[str], Any]) -> Any:
    """Ask one of a template's questions; ``check`` turns the text into the answer."""
    if question.is_choice:
        for number, choice in enumerate(question.choices, 1):
            click.echo(f"  {number}. {choice}")
        prompt = f"{question.prompt} (number or name)"
        return _pick(prompt, list(question.choices), str(default), check)
    if isinstance(question.default, bool):
        return click.prompt(question.prompt, default=default, type=click.BOOL)
    return click.prompt(question.prompt, default=str(default), value_proc=_refusing(check))


def _pick(prompt: str, items: Sequence[T], default: str, by_name: Callable[[str], T]) -> T:
    """One of ``items``, by its number in the menu or by name."""
    named = _refusing(by_name)

    def choose(text: str) -> T:
        text = text.strip()
        if text.isdigit() and 1 <= int(text) <= len(items):
            return items[int(text) - 1]
        return named(text)

    chosen: T = click.prompt(prompt, default=default, value_proc=choose)
    return chosen


def _refusing(check: Callable[[str], T]) -> Callable[[str], T]:
    """``check`` with its refusals as Click's "ask again" error."""

    def checked(text: str) -> T:
        try:
            return check(text)
        except ScaffoldError as exc:
            raise click.BadParameter(str(exc)) from None

    return checked
