from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffold import questions, registry
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
    assert framework.interface in (
        {"wsgi": "wsgi:application"},
        {"asgi": "asgi:application"},
        {"wsgi": "wsgi:application", "asgi": "asgi:application"},
    )
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


def _template_with(tmp_path: Path, **changes: object) -> Path:
    """A copy of the Flask template's metadata, with ``_scaffold`` keys changed."""
    config = json.loads((FRAMEWORKS["flask"].path / "cookiecutter.json").read_text("utf-8"))
    config["_scaffold"].update(changes)
    folder = tmp_path / "flask"
    folder.mkdir()
    (folder / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def test_the_schema_problems_are_listed_at_once_as_sentences(tmp_path: Path) -> None:
    folder = _template_with(
        tmp_path,
        interface={"wsgi": "wsgi", "cgi": "x:y"},
        reserved_names="flask",
        shared=["gitignore", {}],
        homepage="flask.example",
        colour="blue",
    )
    with pytest.raises(TemplateMetadataError) as caught:
        registry.load_framework(folder)
    message = str(caught.value)
    for problem in (
        "'_scaffold' has unknown keys: colour.",
        "'interface' has unknown keys: cgi.",
        "'interface.wsgi' must be an entry point, 'module:name'.",
        "'reserved_names' must be a list of module names.",
        "'shared[1]' must be a shared file's name, or {name: its path in the template}.",
        "'homepage' must be an http(s) URL.",
    ):
        assert problem in message, message


def test_the_registry_keeps_the_parsed_variables(tmp_path: Path) -> None:
    folder = _template_with(tmp_path)
    framework = registry.load_framework(folder)
    written = json.loads((folder / "cookiecutter.json").read_text("utf-8"))
    assert framework.variables == written
    assert questions.template_variables(framework) == written


def _two_interfaces(tmp_path: Path, **changes: object) -> Path:
    """The Flask template's metadata, as if it offered ASGI beside WSGI from its own modules."""
    return _template_with(
        tmp_path,
        interface={"wsgi": "wsgi:application", "asgi": "asgi:application"},
        by_interface={
            "asgi": {
                "routes": {"health": "{{cookiecutter.package_name}}/asgi_views.py"},
                "concepts": {"entry": {"file": "asgi.py", "symbol": "application"}},
            }
        },
        **changes,
    )


def test_one_interface_of_a_starter_that_has_two(tmp_path: Path) -> None:
    framework = registry.load_framework(_two_interfaces(tmp_path))
    asgi = framework.as_interface("asgi")
    assert asgi.label == "flask:asgi"
    assert asgi.interface == {"asgi": "asgi:application"}
    assert asgi.routes["health"].endswith("asgi_views.py")
    assert asgi.routes["index"] == framework.routes["index"]  # what does not differ is kept
    assert asgi.concepts["entry"] == {"file": "asgi.py", "symbol": "application"}
    assert asgi.concepts["routing"] == framework.concepts["routing"]
    wsgi = framework.as_interface("wsgi")
    assert (wsgi.label, wsgi.routes, wsgi.concepts) == (
        "flask:wsgi",
        framework.routes,
        framework.concepts,
    )
    assert [view.label for view in framework.each_interface()] == ["flask:wsgi", "flask:asgi"]
    assert [view.label for view in FRAMEWORKS["flask"].each_interface()] == ["flask"]


def test_key_and_interface_select_one_view(tmp_path: Path) -> None:
    folder = _two_interfaces(tmp_path)
    frameworks = {"flask": registry.load_framework(folder)}
    assert registry.get("Flask:ASGI", frameworks).label == "flask:asgi"
    with pytest.raises(UnknownFrameworkError, match="flask offers wsgi, asgi, not 'cgi'"):
        registry.get("flask:cgi", frameworks)
    with pytest.raises(UnknownFrameworkError, match="flask offers wsgi, not 'asgi'"):
        registry.get("flask:asgi")


def test_by_interface_names_only_offered_interfaces_and_sound_concepts(tmp_path: Path) -> None:
    folder = _template_with(
        tmp_path,
        by_interface={
            "asgi": {"concepts": {"entry": {"file": "asgi.py"}}, "views": {}},
        },
    )
    with pytest.raises(TemplateMetadataError) as caught:
        registry.load_framework(folder)
    message = str(caught.value)
    assert "'by_interface' names 'asgi', which 'interface' does not offer." in message
    assert "by_interface.asgi: concept 'entry' names only a file" in message
    assert "'by_interface.asgi' has unknown keys: views." in message
