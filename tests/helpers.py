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
