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


def on_loopback(arguments: list[str], port: int) -> list[str]:
    """A container server's arguments, listening on 127.0.0.1:``port`` instead of 0.0.0.0:8000.

    Both spellings are handled: ``--listen=0.0.0.0:8000`` (waitress) and
    ``--host 0.0.0.0 --port 8000`` (uvicorn).
    """
    assert any("0.0.0.0" in argument for argument in arguments), arguments
    moved = {"0.0.0.0": "127.0.0.1", "8000": str(port)}
    return [
        moved.get(argument, argument.replace("0.0.0.0:8000", f"127.0.0.1:{port}"))
        for argument in arguments
    ]
