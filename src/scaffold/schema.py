"""The template contract's schema, and a validator of the JSON Schema keywords it uses.

``template.schema.json`` (JSON Schema, draft 2020-12) describes a template's
``_scaffold`` block; it is the contract's documentation, rendered as a table in
docs/writing-a-starter.md. The registry validates every template against it.
jsonschema is not one of scaffold's dependencies, and importing it would slow
every command, so this module checks the keywords the schema uses and no other
(`KEYWORDS`); tests/test_schema.py holds it to jsonschema's verdicts.

A problem is told as a sentence. Where a schema has a ``title`` (a noun phrase,
such as "a non-empty list of requirement strings"), a wrong shape inside it is
told as "'path' must be <title>."; ``required``, ``additionalProperties`` and
``enum`` name the keys or values at fault.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).with_name("template.schema.json")
# The keywords this validator checks; a schema may use these and annotations only.
KEYWORDS = frozenset(
    {"type", "properties", "required", "additionalProperties", "items", "enum", "pattern"}
    | {"minLength", "minItems", "minProperties", "maxProperties", "$ref"}
)
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description"})
TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "null",
}
Where = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One way an instance breaks its schema: where, which keyword, and the sentence."""

    path: Where
    keyword: str
    message: str


@cache
def template_schema() -> Mapping[str, Any]:
    """The schema of the ``_scaffold`` block, as shipped in the package."""
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return schema


def validate(instance: Any, schema: Mapping[str, Any] | None = None) -> list[Problem]:
    """Every problem of ``instance`` against ``schema`` (by default the template schema)."""
    root = template_schema() if schema is None else schema
    return list(_check(instance, root, root, (), None))


def dotted(path: Where) -> str:
    """A path as the messages write it: ``claims[2].verdict``; the block itself is ``_scaffold``."""
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
    return text.lstrip(".") or "_scaffold"


def _check(
    instance: Any,
    schema: Mapping[str, Any],
    root: Mapping[str, Any],
    path: Where,
    titled: tuple[Where, str] | None,
) -> Iterator[Problem]:
    if "title" in schema and path:  # the root's title names the document, not a shape
        titled = (path, schema["title"])

    def shape(keyword: str, detail: str) -> Problem:
        if titled:
            return Problem(path, keyword, f"'{dotted(titled[0])}' must be {titled[1]}.")
        return Problem(path, keyword, f"'{dotted(path)}' {detail}.")

    if "$ref" in schema:
        yield from _check(instance, _resolve(root, schema["$ref"]), root, path, titled)
    types = schema.get("type")
    if types is not None:
        wanted = [types] if isinstance(types, str) else list(types)
        if not any(_is(instance, name) for name in wanted):
            yield shape("type", "must be " + " or ".join(TYPE_NAMES[name] for name in wanted))
    if "enum" in schema and not any(_same(instance, value) for value in schema["enum"]):
        choices = ", ".join(str(value) for value in schema["enum"])
        yield Problem(path, "enum", f"'{dotted(path)}' must be one of {choices}.")
    if isinstance(instance, str):
        if len(instance) < schema.get("minLength", 0):
            yield shape("minLength", _at_least(schema["minLength"], "character"))
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            yield shape("pattern", f"must match {schema['pattern']}")
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0):
            yield shape("minItems", _at_least(schema["minItems"], "item"))
        if "items" in schema:
            for index, item in enumerate(instance):
                yield from _check(item, schema["items"], root, (*path, index), titled)
    if isinstance(instance, dict):
        yield from _check_object(instance, schema, root, path, titled, shape)


def _check_object(
    instance: dict[str, Any],
    schema: Mapping[str, Any],
    root: Mapping[str, Any],
    path: Where,
    titled: tuple[Where, str] | None,
    shape: Callable[[str, str], Problem],
) -> Iterator[Problem]:
    if len(instance) < schema.get("minProperties", 0):
        yield shape("minProperties", _at_least(schema["minProperties"], "entry"))
    if len(instance) > schema.get("maxProperties", len(instance)):
        yield shape("maxProperties", f"must hold at most {schema['maxProperties']} entries")
    missing = [name for name in schema.get("required", ()) if name not in instance]
    if missing and not path:
        for name in missing:
            yield Problem(path, "required", f"'{name}' is missing.")
    elif missing:
        yield Problem(path, "required", f"'{dotted(path)}' lacks {', '.join(missing)}.")
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    unknown = []
    for name, value in instance.items():
        if name in properties:
            yield from _check(value, properties[name], root, (*path, name), titled)
        elif extra is False:
            unknown.append(name)
        elif isinstance(extra, Mapping):
            yield from _check(value, extra, root, (*path, name), titled)
    if unknown:
        listing = ", ".join(sorted(unknown))
        yield Problem(
            path, "additionalProperties", f"'{dotted(path)}' has unknown keys: {listing}."
        )


def _resolve(root: Mapping[str, Any], ref: str) -> Mapping[str, Any]:
    """A local reference, ``#/$defs/name``: the only kind the schema uses."""
    if not ref.startswith("#/"):
        raise ValueError(f"Only local references are supported, not {ref!r}.")
    target: Any = root
    for part in ref[2:].split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    resolved: Mapping[str, Any] = target
    return resolved


def _is(instance: Any, name: str) -> bool:
    if name in ("integer", "number") and isinstance(instance, bool):
        return False
    kinds: dict[str, type | tuple[type, ...]] = {
        "object": dict,
        "array": list,
        "string": str,
        "boolean": bool,
        "integer": int,
        "number": (int, float),
        "null": type(None),
    }
    return isinstance(instance, kinds[name])


def _same(instance: Any, value: Any) -> bool:
    """JSON equality: ``true`` is not ``1``."""
    return type(instance) is type(value) and bool(instance == value)


def _at_least(count: int, noun: str) -> str:
    return "must not be empty" if count == 1 else f"must hold at least {count} {noun}s"


def markdown_table(schema: Mapping[str, Any] | None = None) -> str:
    """The ``_scaffold`` keys as a Markdown table, for docs/writing-a-starter.md."""
    root = template_schema() if schema is None else schema
    required = set(root.get("required", ()))
    rows = ["| Key | Required | Type | What it says |", "| --- | --- | --- | --- |"]
    for name, spec in root["properties"].items():
        target = _resolve(root, spec["$ref"]) if "$ref" in spec else spec
        kind = target.get("type", "one of " + ", ".join(map(str, target.get("enum", ()))))
        kinds = " or ".join(kind) if isinstance(kind, list) else kind
        text = " ".join(str(spec.get("description", "")).split()).replace("|", "\\|")
        rows.append(f"| `{name}` | {'yes' if name in required else ''} | {kinds} | {text} |")
    return "\n".join(rows) + "\n"
