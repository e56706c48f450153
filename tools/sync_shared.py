"""Copy each file of ``templates/_shared/`` to every template that shares it.

Templates hold real copies, not symlinks, so a checkout without symlink support
(``git -c core.symlinks=false clone``, the default on Windows), a wheel, an
sdist and plain ``cookiecutter templates/KEY`` all see the same files.
``templates/_shared/copies.json`` lists where each shared file goes; a test
fails while any copy differs from its original. See docs/design-notes.md.

    python tools/sync_shared.py          # write the copies
    python tools/sync_shared.py --check  # list the copies that differ; exit 1 if any
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
SHARED = TEMPLATES / "_shared"
MANIFEST = SHARED / "copies.json"


def copies() -> list[tuple[Path, Path]]:
    """Every (original, copy) pair the manifest lists."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return [
        (SHARED / original, TEMPLATES / copy)
        for original, targets in manifest.items()
        if not original.startswith("_")
        for copy in targets
    ]


def stale() -> list[Path]:
    """The copies that are missing, are links, or differ from their original."""
    return [
        copy
        for original, copy in copies()
        if copy.is_symlink() or not copy.is_file() or copy.read_bytes() != original.read_bytes()
    ]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        for copy in stale():
            print(f"differs from templates/_shared: {copy.relative_to(TEMPLATES)}")
        return 1 if stale() else 0
    for original, copy in copies():
        if copy.is_symlink():
            copy.unlink()
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(original.read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
