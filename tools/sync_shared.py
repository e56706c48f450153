"""Copy each file of ``templates/_shared/`` to every template that takes it.

Templates hold real copies, not symlinks, so a checkout without symlink support
(``git -c core.symlinks=false clone``, the default on Windows), a wheel, an
sdist and plain ``cookiecutter templates/KEY`` all see the same files.

A template names the shared files it takes in ``_scaffold.shared`` of its
``cookiecutter.json``; ``templates/_shared/destinations.json`` says where each
goes in a template's folder, unless the template's entry, ``{"name": "path"}``,
gives its own path. A test fails while any copy differs from its original. See
docs/design-notes.md.

    python tools/sync_shared.py          # write the copies
    python tools/sync_shared.py --check  # list the copies that differ; exit 1 if any
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
SHARED = TEMPLATES / "_shared"
DESTINATIONS = SHARED / "destinations.json"
# The files of templates/_shared/ that are about the shared files, not copied anywhere.
NOT_COPIED = ("README.md", "destinations.json", "files.json", "options.json")


class SharedFileError(ValueError):
    """A template names a shared file that does not exist, or names it wrongly."""


def destinations() -> dict[str, str]:
    """Each shared file's name -> its path in a template's folder."""
    mapping: dict[str, str] = json.loads(DESTINATIONS.read_text(encoding="utf-8"))
    return {name: path for name, path in mapping.items() if not name.startswith("_")}


def taken(template: Path) -> list[tuple[str, str]]:
    """The (shared name, path in the template) pairs a template's ``_scaffold.shared`` lists."""
    config = json.loads((template / "cookiecutter.json").read_text(encoding="utf-8"))
    entries: list[Any] = config.get("_scaffold", {}).get("shared", [])
    default = destinations()
    pairs = []
    for entry in entries:
        given = entry.items() if isinstance(entry, dict) else [(entry, default.get(entry))]
        for name, path in given:
            if not (SHARED / name).is_file() or name in NOT_COPIED:
                raise SharedFileError(
                    f"{template.name}: {name!r} is not a file of templates/_shared"
                )
            if not path:
                raise SharedFileError(
                    f"{template.name}: {name!r} has no path in {DESTINATIONS.name}; give its own"
                )
            pairs.append((name, path))
    return pairs


def templates() -> list[Path]:
    """Every template folder (the folders that are not shared, with a cookiecutter.json)."""
    return [
        folder
        for folder in sorted(TEMPLATES.iterdir())
        if not folder.name.startswith(("_", ".")) and (folder / "cookiecutter.json").is_file()
    ]


def copies() -> list[tuple[Path, Path]]:
    """Every (original, copy) pair the templates take."""
    return [
        (SHARED / name, template / path)
        for template in templates()
        for name, path in taken(template)
    ]


def stale() -> list[Path]:
    """The copies that are missing, are links, or differ from their original."""
    return [
        copy
        for original, copy in copies()
        if copy.is_symlink() or not copy.is_file() or copy.read_bytes() != original.read_bytes()
    ]


def main(argv: list[str]) -> int:
    try:
        pairs = copies()
    except SharedFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    if "--check" in argv:
        differing = stale()
        for copy in differing:
            print(f"differs from templates/_shared: {copy.relative_to(TEMPLATES)}")
        return 1 if differing else 0
    for original, copy in pairs:
        if copy.is_symlink():
            copy.unlink()
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(original.read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
