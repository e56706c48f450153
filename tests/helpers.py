"""What many test modules share: the bundled templates, the fixtures folder, their params."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold import registry

FIXTURES = Path(__file__).parent / "fixtures"
FRAMEWORKS = registry.discover()


def framework_params() -> list:
    """One pytest param per template, with the framework key as its id."""
    return [pytest.param(fw, id=key) for key, fw in FRAMEWORKS.items()]


def tree(root: Path, exclude: frozenset[str] = frozenset()) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` but those in ``exclude``: its bytes and mode, by path."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mode)
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).as_posix() not in exclude
    }
