from __future__ import annotations

import pytest

from scaffold import registry
from scaffold.errors import TemplateMetadataError, UnknownFrameworkError

from .helpers import FIXTURES, FRAMEWORKS, framework_params


def test_discovers_the_bundled_templates() -> None:
    assert "flask" in FRAMEWORKS
    assert all(fw.category in registry.CATEGORIES for fw in FRAMEWORKS.values())


def test_shared_folders_are_not_templates() -> None:
    assert not any(key.startswith("_") for key in FRAMEWORKS)


@pytest.mark.parametrize("framework", framework_params())
def test_metadata_is_complete(framework: registry.Framework) -> None:
    assert framework.key == framework.path.name
    assert framework.description.endswith(".")
    assert framework.interface in ({"wsgi": "wsgi:application"}, {"asgi": "asgi:application"})
    assert set(registry.FEATURE_KEYS) <= set(framework.features)
    assert {"health", "index"} <= set(framework.routes)
    if framework.is_full_stack:
        assert "notes" in framework.urls


def test_invalid_metadata_lists_every_problem() -> None:
    with pytest.raises(TemplateMetadataError) as caught:
        registry.discover(FIXTURES / "bad-metadata")
    message = str(caught.value)
    for problem in (
        "'description'",
        "'key' is 'gadget'",
        "'category'",
        "'dependencies'",
        "'features' lacks",
    ):
        assert problem in message


def test_get_is_case_insensitive() -> None:
    assert registry.get("FLASK").key == "flask"


def test_unknown_framework_suggests_the_closest() -> None:
    with pytest.raises(UnknownFrameworkError, match=r"Did you mean 'flask'.*Known frameworks:"):
        registry.get("flaks")


def test_unknown_framework_without_a_close_match_lists_all() -> None:
    with pytest.raises(UnknownFrameworkError) as caught:
        registry.get("rails")
    assert "Did you mean" not in str(caught.value)
    assert "flask" in str(caught.value)


def test_templates_dir_can_be_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(registry.TEMPLATES_ENV, str(FIXTURES / "failing-hook"))
    assert list(registry.discover()) == ["hooky"]
