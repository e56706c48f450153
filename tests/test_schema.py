"""The template contract's schema: valid, true to the templates, checked alike by two validators.

scaffold checks ``_scaffold`` blocks with its own small validator (`scaffold.schema`)
so that no command imports jsonschema; these tests hold it to jsonschema's verdicts.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from scaffold import registry, schema
from scaffold.compare.claims import CLAIM_KEYS, VERDICTS
from scaffold.compare.concepts import CONCEPTS
from scaffold.contract import CATEGORIES, FEATURE_KEYS
from scaffold.errors import TemplateMetadataError
from scaffold.runtime.interfaces import INTERFACES

from .helpers import FRAMEWORKS

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "writing-a-starter.md"
TABLE_START, TABLE_END = "<!-- schema-table:start -->\n", "<!-- schema-table:end -->"
SCHEMA = schema.template_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _scaffold_block(key: str) -> dict[str, Any]:
    config = json.loads((FRAMEWORKS[key].path / "cookiecutter.json").read_text("utf-8"))
    block: dict[str, Any] = config["_scaffold"]
    return block


def _theirs(instance: Any) -> set[tuple[tuple[str | int, ...], str]]:
    return {
        (tuple(error.absolute_path), str(error.validator))
        for error in VALIDATOR.iter_errors(instance)
    }


def _ours(instance: Any) -> set[tuple[tuple[str | int, ...], str]]:
    return {(problem.path, problem.keyword) for problem in schema.validate(instance)}


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def _keywords(node: Any) -> Iterator[str]:
    """Every keyword the schema uses, below the names that ``properties`` and ``$defs`` define."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield key
            children = value.values() if key in ("properties", "$defs") else [value]
            for child in children:
                yield from _keywords(child)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, Mapping):
                yield from _keywords(item)


def test_the_small_validator_knows_every_keyword_the_schema_uses() -> None:
    assert set(_keywords(SCHEMA)) <= schema.KEYWORDS | schema.ANNOTATIONS


def test_every_property_is_described() -> None:
    undescribed = [
        name for name, spec in SCHEMA["properties"].items() if not spec.get("description")
    ]
    assert undescribed == []


def test_the_schema_speaks_the_contracts_vocabulary() -> None:
    properties = SCHEMA["properties"]
    assert tuple(properties["category"]["enum"]) == CATEGORIES
    assert tuple(properties["features"]["properties"]) == FEATURE_KEYS
    assert tuple(properties["features"]["required"]) == FEATURE_KEYS
    assert set(properties["interface"]["properties"]) == set(INTERFACES)
    assert tuple(properties["concepts"]["properties"]) == tuple(CONCEPTS)
    claim = SCHEMA["$defs"]["claim"]
    assert set(claim["properties"]) == CLAIM_KEYS
    assert tuple(claim["properties"]["verdict"]["enum"]) == VERDICTS


@pytest.mark.parametrize("key", sorted(FRAMEWORKS))
def test_every_template_is_valid_for_both_validators(key: str) -> None:
    block = _scaffold_block(key)
    assert [error.message for error in VALIDATOR.iter_errors(block)] == []
    assert schema.validate(block) == []


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a ``_scaffold`` block: set the value at a dotted path."""

    def change(block: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = block
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target.setdefault(part, {})
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def change(block: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = block
        for part in parents:
            target = target[part]
        del target[last]

    return change


# One broken block per keyword the schema uses: (keyword expected, change).
BROKEN = {
    "type": ("type", _set("dependencies", "Flask")),
    "type-list": ("type", _set("admin_account", 3)),
    "type-bool-is-not-a-number": ("type", _set("features.csrf", 1)),
    "properties": ("type", _set("features.database", 3)),
    "required": ("required", _delete("summary")),
    "required-nested": ("required", _delete("features.csrf")),
    "additionalProperties": ("additionalProperties", _set("colour", "blue")),
    "additionalProperties-schema": ("type", _set("option_notes.deploy", 3)),
    "items": ("type", _set("aliases", ["flask2", 3])),
    "enum": ("enum", _set("category", "medium")),
    "enum-in-items": ("enum", _set("claims.0.verdict", "maybe")),
    "pattern": ("pattern", _set("interface.wsgi", "wsgi")),
    "pattern-lookahead": ("pattern", _set("urls.notes", "//evil.example/")),
    "minLength": ("minLength", _set("title", "")),
    "minItems": ("minItems", _set("dependencies", [])),
    "minProperties": ("minProperties", _set("interface", {})),
    "maxProperties": ("maxProperties", _set("shared", [{"a": "x", "b": "y"}])),
    "$ref": ("minLength", _set("concepts.entry", {"file": ""})),
    "type-of-a-required-key": ("type", _set("key", [])),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_both_validators_agree_on_a_broken_block(case: str) -> None:
    keyword, change = BROKEN[case]
    block = copy.deepcopy(_scaffold_block("flask"))
    change(block)
    ours = _ours(block)
    assert keyword in {found for _path, found in ours}
    assert ours == _theirs(block)


def test_both_validators_agree_on_an_instance_that_is_not_an_object() -> None:
    for instance in ([], "flask", None, 3, True):
        assert _ours(instance) == _theirs(instance) != set()


def test_the_docs_table_is_the_schemas() -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(TABLE_START) + len(TABLE_START)
    shown = text[start : text.index(TABLE_END, start)]
    assert shown == schema.markdown_table(), (
        "regenerate the table in docs/writing-a-starter.md:"
        ' python -c "from scaffold.schema import markdown_table; print(markdown_table())"'
    )


def test_the_registry_validates_with_the_schema(tmp_path: Path) -> None:
    block = _scaffold_block("flask")
    block["shared"] = ["gitignore", {"style.css": ""}]
    folder = tmp_path / "flask"
    folder.mkdir()
    config = {"project_name": "x", "_scaffold": block}
    (folder / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(TemplateMetadataError, match=r"'shared\[1\]' must be a shared file's name"):
        registry.load_framework(folder)
