"""`scaffold.compare.skeleton` and `routes`: every template's static figures and route code."""

from __future__ import annotations

import pytest

from scaffold.compare import routes, skeleton
from scaffold.compare.core import Comparison
from scaffold.contract import FEATURE_KEYS, route_path

from .compare_helpers import entry_of
from .helpers import FRAMEWORKS


@pytest.mark.parametrize("key", list(FRAMEWORKS))
def test_static_figures_for_every_template(comparison: Comparison, key: str) -> None:
    skeleton = entry_of(comparison, key).skeleton
    entries = [f"{entry.split(':')[0]}.py" for entry in FRAMEWORKS[key].interface.values()]
    assert skeleton.files == len(skeleton.paths) > 0
    assert set(entries) <= set(skeleton.paths)
    assert not any(path.startswith(".scaffold") for path in skeleton.paths)
    assert 0 < skeleton.python_code_lines <= skeleton.python_lines
    assert skeleton.template_lines > 0
    assert all(any(line.endswith(name) for line in skeleton.tree) for name in entries)
    assert set(skeleton.batteries) == set(FEATURE_KEYS)
    assert skeleton.interface == FRAMEWORKS[key].interface


@pytest.mark.parametrize("key", list(FRAMEWORKS))
def test_route_code_is_the_handler(comparison: Comparison, key: str) -> None:
    routes = {code.route: code for code in entry_of(comparison, key).skeleton.routes}
    assert set(routes) == set(FRAMEWORKS[key].routes)
    for name, code in routes.items():
        assert code.path == route_path(name)
        assert name in code.code.lower()
        assert "def " in code.code or "class " in code.code
        assert "{{" not in code.file


def test_extract_finds_the_decorated_function() -> None:
    source = (
        "import app\n\n\n# Teaching comment.\n@app.get('/health')\ndef ping():\n"
        "    return 'ok'\n\n\n@app.get('/')\ndef home():\n    return 'hi'\n"
    )
    code = routes.extract("health", "views.py", source)
    assert code.code.splitlines() == [
        "# Teaching comment.",
        "@app.get('/health')",
        "def ping():",
        "    return 'ok'",
    ]
    assert code.first_line == 4
    assert routes.extract("index", "views.py", source).code.startswith("@app.get('/')")


def test_extract_adds_the_url_table_that_names_the_handler() -> None:
    source = (
        "urls = ('/', 'Index', '/health', 'Health')\nOTHER = '/health'\n\n\nclass Health:\n"
        "    def GET(self):\n        return 'ok'\n"
    )
    assert routes.extract("health", "app.py", source).code.splitlines() == [
        "urls = ('/', 'Index', '/health', 'Health')",
        "...",
        "class Health:",
        "    def GET(self):",
        "        return 'ok'",
    ]


def test_extract_shows_the_class_of_a_method() -> None:
    source = "class Root:\n    x = 1\n\n    def health(self):\n        return 'ok'\n"
    assert routes.extract("health", "app.py", source).code.splitlines() == [
        "class Root:",
        "    ...",
        "    def health(self):",
        "        return 'ok'",
    ]


def test_extract_falls_back_to_the_lines_around_a_mention() -> None:
    source = "\n".join(f"line {n}" for n in range(30)) + "\n<view name='health' />\n"
    code = routes.extract("health", "configure.zcml", source)
    assert code.language == "zcml"
    assert "<view name='health' />" in code.code
    assert code.first_line == 31 - routes.CONTEXT_LINES


def test_code_lines_skip_comments_docstrings_and_blanks() -> None:
    source = '"""Module."""\n\n# comment\nx = 1\n\n\ndef f():\n    """Doc."""\n    return x\n'
    assert skeleton.code_lines(source) == 3


def test_file_tree_lists_folders_first() -> None:
    assert skeleton.file_tree(["b.py", "pkg/a.py", "pkg/sub/c.txt"]) == [
        "├── pkg/",
        "│   ├── sub/",
        "│   │   └── c.txt",
        "│   └── a.py",
        "└── b.py",
    ]
