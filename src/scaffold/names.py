"""Turn a project NAME into a directory, a package name and a title, or say why not.

NAME is the project's directory. The package name is NAME lowercased with ``-``
and spaces turned into ``_``; the title is NAME with separators as spaces,
title-cased. Names are data: anything that looks like template code is refused
rather than handed to Jinja.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from dataclasses import dataclass

from .errors import InvalidAnswerError, InvalidNameError

PACKAGE_PATTERN = re.compile(r"[a-z_][a-z0-9_]*")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
# Names a project's package must not take even though Python allows them: the
# generated tests live in a package-less ``tests`` folder that pytest imports.
ALWAYS_RESERVED = frozenset({"tests", "test", "wsgi", "asgi", "conftest", "manage", "scaffold"})
# A directory name, and the hidden staging directory made beside it, must fit the
# file system's limit of 255 bytes with room to spare.
MAX_NAME_LENGTH = 64
# Every answer lands in TOML, YAML, Python, INI and HTML files; a few hundred
# characters is more than a title or a one-line description needs.
MAX_ANSWER_LENGTH = 200
# Characters no answer may hold, by Unicode category: control characters (a TOML
# string refuses them, a terminal obeys them), format characters (bidi overrides,
# zero-width joiners), line and paragraph separators (a YAML or Python line ends
# there), surrogates, private-use and unassigned code points.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


@dataclass(frozen=True)
class ProjectNames:
    """The names a project is generated with."""

    slug: str
    package: str
    title: str


def derive(name: str) -> ProjectNames:
    """Derive the package name and the title from NAME (without validating).

    The package name keeps the letters of NAME, folded to ASCII (``über`` gives
    ``uber``, ``Straße`` gives ``strasse``): Python allows other letters in names,
    but tools and file systems do not all agree on them.
    """
    package = ascii_fold(re.sub(r"[-\s]+", "_", name.strip()).casefold())
    title = " ".join(part for part in re.split(r"[-_\s]+", name.strip()) if part).title()
    return ProjectNames(slug=name.strip(), package=package, title=title)


def validate_name(name: str, reserved: tuple[str, ...] = ()) -> ProjectNames:
    """Return the names derived from NAME, or raise `InvalidNameError` saying why."""
    stripped = name.strip()
    if not stripped:
        raise InvalidNameError("The project name is empty; give a name such as 'myapp'.")
    if TEMPLATE_SYNTAX.search(stripped):
        raise InvalidNameError(
            f"The project name {name!r} looks like template code; names are used as written,"
            " so choose plain letters, digits, '-' or '_'."
        )
    if "/" in stripped or "\\" in stripped or ".." in stripped or stripped.startswith("."):
        raise InvalidNameError(
            f"The project name {name!r} must be a plain directory name, without '/', '\\',"
            " '..' or a leading '.'; use -o DIR to choose where it goes."
        )
    if any(not ch.isprintable() for ch in stripped):
        raise InvalidNameError(
            f"The project name {name!r} contains a control character; use letters, digits,"
            " '-' or '_'."
        )
    if len(stripped) > MAX_NAME_LENGTH:
        raise InvalidNameError(
            f"The project name is {len(stripped)} characters long; keep it to"
            f" {MAX_NAME_LENGTH} or fewer, such as {_suggest(stripped)[:20]!r}."
        )
    if not (stripped[0].isalnum() or stripped[0] == "_"):
        raise InvalidNameError(
            f"The project name {name!r} must start with a letter, so that it is a package"
            f" name and never read as an option; try {_suggest(stripped) or 'myapp'!r}."
        )
    names = derive(stripped)
    check_package(names.package, reserved, given=f"The project name {name!r}")
    return names


def check_package(package: str, reserved: tuple[str, ...] = (), *, given: str = "") -> None:
    """Refuse a package name that Python cannot import or that would shadow another module.

    ``given`` says where the name came from, to start the message.
    """
    given = given or f"The package name {package!r}"
    if not PACKAGE_PATTERN.fullmatch(package):
        suggestion = _suggest(package)
        hint = f" Try {suggestion!r}." if suggestion else ""
        raise InvalidNameError(
            f"{given} does not give a valid Python package name ({package!r}):"
            f" use lowercase letters, digits and '_', starting with a letter.{hint}"
        )
    if keyword.iskeyword(package):
        raise InvalidNameError(f"{given} is a Python keyword; try {package + '_app'!r}.")
    shadowed = _shadowed(package, reserved)
    if shadowed:
        raise InvalidNameError(
            f"{given} would shadow {shadowed}, so imports of it would break;"
            f" try {package + '_app'!r} or {'my_' + package!r}."
        )


def _shadowed(package: str, reserved: tuple[str, ...]) -> str | None:
    """What a package of this name would hide from imports, if anything."""
    if package in reserved:
        return f"the framework's module {package!r}"
    if package in sys.stdlib_module_names:
        return f"the standard-library module {package!r}"
    if package in ALWAYS_RESERVED:
        return f"the project's own {package!r} module or folder"
    return None


def ascii_fold(text: str) -> str:
    """``text`` with accents taken off its letters, and what has no ASCII form left as it is."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _suggest(package: str) -> str:
    """A cleaned-up version of an invalid package name, or '' if nothing is left."""
    cleaned = re.sub(r"[^a-z0-9_]+", "_", ascii_fold(package.casefold())).strip("_")
    if cleaned and cleaned[0].isdigit():
        cleaned = "app_" + cleaned
    return cleaned


def check_answer_value(key: str, value: str) -> None:
    """Refuse an answer that would break a generated file or run as template code.

    The same rules hold for every answer, typed, given with ``--set`` or read from
    a project's answers file, so that each file stays valid for its format.
    """
    if len(value) > MAX_ANSWER_LENGTH:
        raise InvalidAnswerError(
            f"The value for {key!r} is {len(value):,} characters long; keep it to"
            f" {MAX_ANSWER_LENGTH} or fewer."
        )
    if TEMPLATE_SYNTAX.search(value):
        raise InvalidAnswerError(
            f"The value for {key!r} looks like template code ({value!r}); answers are used as"
            " written, so remove the '{{', '{%' or '{#'."
        )
    hidden = next((ch for ch in value if unicodedata.category(ch) in REFUSED_CATEGORIES), None)
    if '"' in value or "\\" in value or hidden is not None:
        shown = f" ({ascii(hidden)[1:-1]})" if hidden is not None else ""
        raise InvalidAnswerError(
            f"The value for {key!r} contains a quote, a backslash, a control character or a"
            f" line separator{shown}; these would break the generated files, so leave them out."
        )
