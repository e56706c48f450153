"""Answers the rules allow, however odd, keep every generated file valid for its format.

Each template is rendered twice, once with plain answers and once with answers full
of what the rules let through (apostrophes, ampersands, angle brackets, percent
signs, colons, hashes, non-ASCII letters), every option on. Every file is parsed
with its format's own parser (Python's, TOML, YAML, JSON, INI as PasteDeploy reads
it, HTML and XML), and each must have the same shape both times (the same keys,
the same syntax tree, the same elements and attributes): an answer may change a
value, never the shape of a file.
"""

from __future__ import annotations

import ast
import configparser
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import tomllib
from ruamel.yaml import YAML

from scaffold import generator, registry
from scaffold.errors import InvalidAnswerError
from scaffold.names import check_answer_value
from scaffold.questions import convert_answers, questions

from .helpers import framework_params

PLAIN = {"project_name": "Plain", "description": "Plain.", "author": "Plain"}
ODD = {
    "project_name": "Ada's <Notes> & 100% #1: [x] {y} $HOME ; é漢",
    "description": "It's <b>bold</b> & 50% off: # not a comment; [section] {k: v} `x` é",
    "author": "O'Brien & <Sons> #2: 100% ; é",
}


def _options(framework: registry.Framework) -> dict[str, object]:
    """Every yes/no option on, so the deploy pack is rendered and parsed too."""
    return {q.key: True for q in questions(framework) if isinstance(q.default, bool)}


def _shape(path: Path) -> Any:
    """The file parsed by its format's parser, reduced to its keys (None: not structured)."""
    text = path.read_text(encoding="utf-8")
    name = path.name
    if name.endswith(".py"):
        # The tree's node types: an answer may change a string, never the code around it.
        return [type(node).__name__ for node in ast.walk(ast.parse(text, filename=str(path)))]
    if name.endswith((".html", ".pt", ".xhtml", ".tpl", ".zcml", ".xml")):
        return _tags(text)
    if name.endswith(".toml"):
        return _keys(tomllib.loads(text))
    if name.endswith((".yaml", ".yml")):
        return _keys(list(YAML(typ="safe", pure=True).load_all(text)))
    if name.endswith(".json"):
        return _keys(json.loads(text))
    if name.endswith(".ini"):
        # PasteDeploy reads .ini files with configparser's interpolation of %(name)s.
        parser = configparser.ConfigParser()
        parser.read_string(text)
        return {section: sorted(parser[section]) for section in parser.sections()}
    return None


class _TagLister(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(f"<{tag} {' '.join(sorted(name for name, _ in attrs))}>")

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(f"</{tag}>")


def _tags(text: str) -> list[str]:
    """An HTML or XML file's elements and attribute names, in order, as the HTML parser reads
    them: an answer may change text, never add an element or an attribute."""
    lister = _TagLister()
    lister.feed(text)
    lister.close()
    return lister.tags


def _keys(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _keys(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_keys(item) for item in data]
    return type(data).__name__


def _render(framework: registry.Framework, answers: dict[str, str], out: Path) -> Path:
    extra = {**_options(framework), **convert_answers(framework, answers)}
    return generator.generate(framework, "odd-app", out, extra=extra).path


@pytest.mark.parametrize("framework", framework_params())
def test_odd_answers_keep_every_file_valid_and_its_shape(
    framework: registry.Framework, tmp_path: Path
) -> None:
    plain = _render(framework, PLAIN, tmp_path / "plain")
    odd = _render(framework, ODD, tmp_path / "odd")
    for path in sorted(p for p in odd.rglob("*") if p.is_file() and ".git" not in p.parts):
        relative = path.relative_to(odd)
        try:
            shape = _shape(path)
        except UnicodeDecodeError:
            continue  # a binary file: no answer is written into one
        except Exception as exc:  # any parser's error: the file is not valid any more
            pytest.fail(f"{framework.key}: {relative} is not valid with odd answers: {exc}")
        assert shape == _shape(plain / relative), f"{framework.key}: {relative} changed shape"


def test_the_distribution_name_is_valid_for_pip_whatever_the_directory(tmp_path: Path) -> None:
    from packaging.utils import canonicalize_name

    framework = registry.get("flask")
    project = generator.generate(framework, "my app", tmp_path).path
    assert project.name == "my app"
    name = tomllib.loads((project / "pyproject.toml").read_text())["project"]["name"]
    assert name == "my-app"
    assert canonicalize_name(name, validate=True) == "my-app"


@pytest.mark.parametrize(
    "value",
    ["x\x7fy", "x\x1b[2Jy", "a\u2028b", "a\u2029b", "a\x85b", "a\u202eb", "a\u200bb", "x" * 201],
    ids=["del", "escape", "line-sep", "para-sep", "next-line", "bidi", "zero-width", "too-long"],
)
def test_answers_that_would_break_a_file_are_refused(value: str) -> None:
    with pytest.raises(InvalidAnswerError, match=r"control character|characters long"):
        check_answer_value("description", value)


def test_a_huge_answer_is_refused_before_it_is_used(runner: Any, tmp_path: Path) -> None:
    from scaffold.cli import cli

    result = runner.invoke(
        cli,
        ["new", "big", "-f", "flask", "-o", str(tmp_path), "--set", f"description={'x' * 10**6}"],
    )
    assert result.exit_code != 0
    assert "characters long" in result.output
    assert not (tmp_path / "big").exists()


@pytest.mark.parametrize("framework", framework_params())
@pytest.mark.parametrize("value", ["a\u2028b", "x\x7fy", "a\u202eb"], ids=["sep", "del", "bidi"])
def test_plain_cookiecutter_refuses_the_same_answers(
    framework: registry.Framework, value: str, tmp_path: Path
) -> None:
    """`cookiecutter templates/KEY` checks answers in the template's own hook, by the same rules."""
    from cookiecutter.exceptions import FailedHookException
    from cookiecutter.main import cookiecutter

    with pytest.raises(FailedHookException):
        cookiecutter(
            str(framework.path),
            no_input=True,
            output_dir=str(tmp_path),
            extra_context={"description": value},
            default_config=True,
        )
    assert not any(tmp_path.iterdir())
