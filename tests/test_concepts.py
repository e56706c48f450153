"""The concept map in every template's metadata: complete, valid, and true of the rendered code.

Each bundled template is rendered once; every concept's file must exist in it, its
symbol must be defined there (found with `ast`, independently of the code under test)
and its region must sit between its two marker comments.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import generator, registry
from scaffold.cli import cli
from scaffold.compare import concepts
from scaffold.compare.concepts import CONCEPTS, ConceptNotFoundError, locate, required
from scaffold.errors import TemplateMetadataError

from .helpers import FIXTURES, FRAMEWORKS, framework_params


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Every bundled template rendered once: its project folder and package name, by key."""
    root = tmp_path_factory.mktemp("concepts")
    projects = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
        for key, framework in FRAMEWORKS.items():
            project = generator.generate(framework, "myapp", root / key, record=False)
            projects[key] = (project.path, project.names.package)
    return projects


def _defined(source: str, symbol: str) -> bool:
    """Whether ``symbol`` (``name`` or ``Class.member``) is defined at module level or in a class,
    including names assigned inside a top-level ``try``/``if``/``with``."""
    body: list[ast.stmt] = ast.parse(source).body
    for part in symbol.split("."):
        match = None
        pending = list(body)
        while pending and match is None:
            statement = pending.pop(0)
            if isinstance(statement, (ast.If, ast.Try, ast.With)):
                pending += [*statement.body, *getattr(statement, "orelse", [])]
                pending += [s for h in getattr(statement, "handlers", []) for s in h.body]
            elif getattr(statement, "name", None) == part:
                match = statement
            elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
                targets = (
                    statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                )
                if any(
                    isinstance(n, ast.Name) and n.id == part for t in targets for n in ast.walk(t)
                ):
                    match = statement
        if match is None:
            return False
        body = getattr(match, "body", [])
    return True


@pytest.mark.parametrize("framework", framework_params())
def test_every_template_maps_the_concepts_it_must(framework: registry.Framework) -> None:
    wanted = required(framework.category, framework.features)
    assert set(wanted) <= set(framework.concepts), f"{framework.key} lacks concepts"
    assert set(framework.concepts) <= set(CONCEPTS)
    if framework.is_full_stack:
        assert {"model", "form"} <= set(framework.concepts)


@pytest.mark.parametrize("framework", framework_params())
def test_every_concept_is_in_the_rendered_code(
    framework: registry.Framework, rendered: dict[str, tuple[Path, str]]
) -> None:
    project, package = rendered[framework.key]
    for name, spec in framework.concepts.items():
        relative = registry.rendered_path(spec["file"], package)
        path = project / relative
        assert path.is_file(), f"{framework.key} {name}: {relative} is not in the project"
        source = path.read_text(encoding="utf-8")
        if "symbol" in spec:
            assert relative.endswith(".py"), f"{framework.key} {name}: a symbol needs Python"
            assert _defined(source, spec["symbol"]), (
                f"{framework.key} {name}: {relative} no longer defines {spec['symbol']!r}"
            )
        if "region" in spec:
            region = re.escape(spec["region"])
            assert re.search(rf"\[concept {region}\].*\n(.*\n)+.*\[/concept {region}\]", source)
        code = locate(name, relative, spec, source)
        assert code.code.strip() and not code.problem
        assert "{{ cookiecutter" not in code.code and "{{cookiecutter" not in code.code


@pytest.mark.parametrize("framework", framework_params())
def test_concept_files_are_explained(framework: registry.Framework) -> None:
    """Every file a concept points at has a note in `scaffold info` (a learner reads it there)."""
    for name, spec in framework.concepts.items():
        assert spec["file"] in framework.files, f"{framework.key} {name}: {spec['file']}"


SOURCE = '''"""A module."""
import os

# Where the secret comes from.
SECRET = os.environ.get("SECRET", "")

try:
    application = make()
except Error:
    application = None


class Root:
    @expose()
    def index(self):
        return "hi"


@route("/health")
def health():
    return {}
'''


@pytest.mark.parametrize(
    ("symbol", "first", "expected"),
    [
        ("SECRET", 4, "# Where the secret comes from.\nSECRET ="),
        ("application", 7, "try:\n    application = make()"),
        ("Root", 13, "class Root:"),
        ("Root.index", 14, '@expose()\ndef index(self):\n    return "hi"'),
        ("health", 19, '@route("/health")\ndef health():'),
    ],
)
def test_locate_finds_a_symbol(symbol: str, first: int, expected: str) -> None:
    code = locate("view", "app.py", {"file": "app.py", "symbol": symbol}, SOURCE)
    assert code.first_line == first
    assert code.code.startswith(expected)
    assert code.anchor == symbol and code.language == "python"


def test_locate_refuses_a_symbol_that_is_gone() -> None:
    with pytest.raises(ConceptNotFoundError, match=re.escape("no 'Root.missing'")):
        locate("view", "app.py", {"file": "app.py", "symbol": "Root.missing"}, SOURCE)


def test_locate_finds_a_marked_region_and_shows_a_file_whole() -> None:
    source = (
        "<a/>\n<!-- [concept routing] -->\n  <route/>\n  <route/>\n<!-- [/concept routing] -->\n"
    )
    code = locate("routing", "site.zcml", {"file": "site.zcml", "region": "routing"}, source)
    assert (code.first_line, code.code, code.language) == (3, "<route/>\n<route/>", "xml")
    with pytest.raises(ConceptNotFoundError, match="no region"):
        locate("routing", "site.zcml", {"file": "site.zcml", "region": "other"}, source)
    whole = locate("template", "index.html", {"file": "index.html"}, source)
    assert whole.code == source.strip() and whole.anchor == ""


def test_long_code_is_cut_with_a_note() -> None:
    source = "X = [\n" + "    1,\n" * 200 + "]\n"
    code = locate("settings", "s.py", {"file": "s.py", "symbol": "X"}, source)
    assert len(code.code.splitlines()) == concepts.MAX_LINES + 1
    assert code.code.endswith("more lines in s.py)")


def _broken_template(tmp_path: Path, change: dict) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(FIXTURES / "tiny", copy)
    config = copy / "tiny" / "cookiecutter.json"
    data = json.loads(config.read_text(encoding="utf-8"))
    data["_scaffold"].update(change)
    config.write_text(json.dumps(data), encoding="utf-8")
    return copy / "tiny"


GOOD = {name: {"file": "wsgi.py", "symbol": "application"} for name in concepts.STARTER_CONCEPTS}


@pytest.mark.parametrize(
    ("concept_map", "problem"),
    [
        ([], "'concepts' must be an object"),
        ({**GOOD, "routing": None}, "concept 'routing' must be an object with a 'file'"),
        ({k: v for k, v in GOOD.items() if k != "test"}, "'concepts' lacks test"),
        ({**GOOD, "tests": {"file": "x.py", "symbol": "y"}}, "names 'tests'"),
        ({**GOOD, "view": {"file": "a.py", "symbol": "a", "region": "b"}}, "keep one"),
        ({**GOOD, "view": {"file": "a.py", "symbol": ""}}, "non-empty strings"),
        ({**GOOD, "view": {"file": "a.py", "line": 3}}, "may hold only"),
        ({**GOOD, "template": {"file": "index.html"}}, "names only a file"),
    ],
    ids=["not-object", "no-file", "missing", "unknown", "both", "empty", "extra-key", "file-only"],
)
def test_registry_refuses_a_bad_concept_map(
    tmp_path: Path, concept_map: object, problem: str
) -> None:
    folder = _broken_template(tmp_path, {"concepts": concept_map})
    with pytest.raises(TemplateMetadataError, match=re.escape(problem)):
        registry.load_framework(folder)


def test_registry_reads_a_good_concept_map(tmp_path: Path) -> None:
    framework = registry.load_framework(_broken_template(tmp_path, {"concepts": GOOD}))
    assert framework.concepts["entry"] == {"file": "wsgi.py", "symbol": "application"}


def test_full_stack_needs_the_concepts_of_its_batteries() -> None:
    features = {"database": "ORM", "forms": "forms", "auth": "login", "admin": None}
    assert required("full-stack", features)[-4:] == ["model", "form", "migration", "login"]
    assert required("micro", features) == list(concepts.STARTER_CONCEPTS)


def test_info_concept_prints_the_code(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["info", "django", "--concept", "model"])
    assert result.exit_code == 0, result.output
    assert "models.py: Note" in result.output
    assert "class Note(models.Model):" in result.output
    assert "\x1b[" not in result.output  # not a terminal: no colour


def test_info_concept_is_highlighted_for_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from scaffold import report
    from scaffold.compare import core

    code = core.concept(FRAMEWORKS["flask"], "routing")
    assert code is not None
    shown = report.concept_text(FRAMEWORKS["flask"], code, colour=True)
    assert "\x1b[" in shown and "health" in shown
    monkeypatch.setenv("NO_COLOR", "1")
    assert not report.wants_colour()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["info", "flask", "--concept", "admin"], "does not show 'admin'"),
        (["info", "flask", "--concept", "nope"], "Invalid value for '--concept'"),
        (["compare", "flask", "--concept", "nope"], "Invalid value for '--concept'"),
    ],
    ids=["not-in-starter", "unknown-info", "unknown-compare"],
)
def test_unknown_concept_exits_2(runner: CliRunner, arguments: list[str], message: str) -> None:
    result = runner.invoke(cli, arguments)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("framework", framework_params())
def test_claims_rest_on_files_and_figures_that_exist(
    framework: registry.Framework, rendered: dict[str, tuple[Path, str]]
) -> None:
    from scaffold.compare.view import FIGURES

    project, package = rendered[framework.key]
    keys = {figure.key for figure in FIGURES}
    assert framework.claims, f"{framework.key} has no claim of the classic comparison"
    for claim in framework.claims:
        if "file" in claim:
            assert (project / registry.rendered_path(claim["file"], package)).is_file()
        assert set(claim.get("figures", [])) <= keys


@pytest.mark.parametrize(
    ("claim", "problem"),
    [
        ({"claim": "x", "evidence": "y"}, "either a 'verdict' or the 'figures'"),
        ({"claim": "x", "evidence": "y", "verdict": "true"}, "'verdict' must be one of"),
        ({"claim": "x", "evidence": "y", "figures": []}, "non-empty list of figure keys"),
        ({"claim": "", "evidence": "y", "verdict": "holds"}, "non-empty 'claim'"),
    ],
    ids=["neither", "bad-verdict", "no-figures", "empty"],
)
def test_registry_refuses_a_bad_claim(tmp_path: Path, claim: dict, problem: str) -> None:
    folder = _broken_template(tmp_path, {"claims": [claim]})
    with pytest.raises(TemplateMetadataError, match=re.escape(problem)):
        registry.load_framework(folder)


def test_info_lists_where_each_concept_lives(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["info", "django"])
    assert result.exit_code == 0, result.output
    listing = result.output.split("Concepts (scaffold info django --concept NAME")[1]
    assert "model             <package>/notes/models.py: Note" in listing
    assert "template          <package>/templates/index.html: template\n" in listing


def test_info_concept_whose_symbol_is_gone_exits_1(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold.compare import core

    gone = concepts.ConceptCode(
        "model", "myapp/models.py", "Note", "", 0, "python", "myapp/models.py defines no 'Note'."
    )
    monkeypatch.setattr(core, "concept", lambda framework, name: gone)
    result = runner.invoke(cli, ["info", "django", "--concept", "model"])
    assert result.exit_code == 1
    assert "Not found: myapp/models.py defines no 'Note'." in result.output
