"""The deploy pack, baked for every template and option, checked with real linters.

Containers cannot be built on the machines that test scaffold, so the generated
files are checked the way a reviewer would without Docker: hadolint for the
Dockerfile, actionlint for the GitHub Actions workflow, the Compose
specification's JSON schema (vendored in check-jsonschema, so no network) for
compose.yaml; and the image's CMD and HEALTHCHECK are compared with the server
command and the /health probe of the end-to-end tests.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from scaffold import answers, check, environments, generator, registry
from scaffold.questions import questions

from .conftest import FRAMEWORKS

DEPLOY_FILES = (
    "Dockerfile",
    ".dockerignore",
    "compose.yaml",
    ".github/workflows/ci.yml",
    ".pre-commit-config.yaml",
    "DEPLOY.md",
)
SERVER_DATABASES = {"postgresql": "postgres", "zeo": "zeo"}


def combinations() -> list:
    """Every template with every ``deploy`` and ``database`` value it offers."""
    params = []
    for key, framework in FRAMEWORKS.items():
        defaults = {question.key: question.default for question in questions(framework)}
        databases = defaults.get("database") or [None]
        for deploy in (True, False):
            for database in databases:
                extra: dict[str, object] = {"deploy": deploy}
                if database:
                    extra["database"] = database
                label = "-".join([key, database or "nodb", "deploy" if deploy else "nodeploy"])
                params.append(pytest.param(framework, extra, id=label))
    return params


def tool(name: str) -> str:
    """A linter from the test extra: beside the running Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: install scaffold's test extra (pip install -e '.[test]')")
    return found


def run_linter(command: list[str], cwd: Path) -> None:
    completed = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120
    )
    output = (completed.stdout + completed.stderr).strip()
    assert completed.returncode == 0, f"{' '.join(command[:1])} found problems:\n{output}"


def instruction(dockerfile: str, name: str) -> str:
    """The last ``name`` instruction of a Dockerfile, its continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", dockerfile)
    lines = [line for line in joined.splitlines() if line.startswith(name + " ")]
    assert lines, f"the Dockerfile has no {name} instruction"
    return lines[-1][len(name) + 1 :].strip()


def production_command(project: Path) -> list[str]:
    """The production server that scaffold.check serves ``project`` with, as a container runs it.

    gunicorn with its workers, or waitress where the project serves one process
    (check skips gunicorn there): the same arguments, listening on 0.0.0.0:8000.
    """
    recorded = answers.read(project)
    framework = registry.get(recorded.framework)
    environment = environments.Environment(Path("venv"), "uv")
    servers = {server.name: server for server in check._servers(environment, recorded, framework)}
    server = servers["wsgi"] if servers["gunicorn"].skipped else servers["gunicorn"]
    executable, *arguments = server.command
    listen = {
        "127.0.0.1:{port}": "0.0.0.0:8000",
        "--listen=127.0.0.1:{port}": "--listen=0.0.0.0:8000",
    }
    return [Path(executable).name, *(listen.get(argument, argument) for argument in arguments)]


Bake = Callable[[registry.Framework, dict], Path]


@pytest.fixture(scope="module")
def bake(tmp_path_factory: pytest.TempPathFactory) -> Bake:
    """Bake a project once per option combination; this module's tests share it."""
    baked: dict[str, Path] = {}

    def bake(framework: registry.Framework, extra: dict) -> Path:
        label = json.dumps([framework.key, extra], sort_keys=True)
        if label not in baked:
            out = tmp_path_factory.mktemp(f"deploy-{framework.key}")
            baked[label] = generator.generate(framework, "deploy-demo", out, extra=extra).path
        return baked[label]

    return bake


@pytest.mark.parametrize(("framework", "extra"), combinations())
def test_deploy_pack_passes_its_linters(
    framework: registry.Framework,
    extra: dict,
    bake: Bake,
) -> None:
    project = bake(framework, extra)
    present = [name for name in DEPLOY_FILES if (project / name).exists()]
    if not extra["deploy"]:
        assert present == [], "deploy=false still wrote the deploy pack"
        assert not (project / ".github").exists()
        return
    assert present == list(DEPLOY_FILES)
    run_linter(
        [tool("hadolint"), "--no-color", "--failure-threshold", "style", "Dockerfile"], project
    )
    run_linter([tool("actionlint"), "-no-color", ".github/workflows/ci.yml"], project)
    schemas = (
        ("vendor.compose-spec", "compose.yaml"),
        ("vendor.github-workflows", ".github/workflows/ci.yml"),
    )
    for schema, path in schemas:
        run_linter([tool("check-jsonschema"), "--builtin-schema", schema, path], project)


@pytest.mark.parametrize(
    ("framework", "extra"), [p for p in combinations() if p.values[1]["deploy"]]
)
def test_deploy_pack_runs_what_the_tests_run(
    framework: registry.Framework,
    extra: dict,
    bake: Bake,
) -> None:
    project = bake(framework, extra)
    database = extra.get("database")
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")

    assert re.search(r"^FROM python:3\.\d+-slim$", dockerfile, re.MULTILINE)
    user = instruction(dockerfile, "USER")
    assert user not in ("root", "0"), "the image must not run as root"
    assert json.loads(instruction(dockerfile, "CMD")) == production_command(project)
    health = instruction(dockerfile, "HEALTHCHECK")
    probe = json.loads(health[health.index("CMD ") + 4 :])
    assert probe[:2] == ["python", "-c"]
    assert "http://127.0.0.1:8000/health" in probe[2]

    yaml = YAML(typ="safe")
    compose = yaml.load((project / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["app"]["env_file"] == ".env"
    assert "healthcheck" not in services["app"], "the image's own HEALTHCHECK applies"
    service = SERVER_DATABASES.get(database or "")
    if service:
        assert set(services) == {"app", "migrate", service}
        assert "healthcheck" in services[service]
        assert services["app"]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"},
            service: {"condition": "service_healthy"},
        }
        assert services["migrate"]["command"] == ["python", "-m", "deploy_demo", "migrate"]
    else:
        assert set(services) == {"app"}
    if framework.is_full_stack and not service:
        command = services["app"]["command"]
        assert command[:2] == ["sh", "-c"]
        assert command[2] == (
            "python -m deploy_demo migrate && exec " + " ".join(production_command(project))
        )

    workflow = yaml.load((project / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["test"]
    assert ("services" in job) == (database == "postgresql")
    steps = [step.get("run", "") for step in job["steps"]]
    assert any(step.startswith("ruff check") for step in steps)
    assert any("pytest" in step for step in steps)

    hooks = yaml.load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = [hook["id"] for repo in hooks["repos"] for hook in repo["hooks"]]
    assert ids == ["ruff", "ruff-format"]

    ignored = (project / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert {".env", ".venv", "**/*.sqlite3"} <= set(ignored)


class _Health(BaseHTTPRequestHandler):
    healthy = True

    def do_GET(self) -> None:
        ok = self.path == "/health" and self.healthy
        self.send_response(200 if ok else 503)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}' if ok else b"{}")

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_dockerfile_health_check_fails_when_health_fails(tmp_path: Path) -> None:
    """The HEALTHCHECK's Python line exits 0 on 200 and non-zero on an error or no server."""
    project = generator.generate(registry.get("flask"), "probe", tmp_path, extra={"deploy": True})
    health = instruction((project.path / "Dockerfile").read_text(encoding="utf-8"), "HEALTHCHECK")
    code = json.loads(health[health.index("CMD ") + 4 :])[2]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        probe = code.replace("127.0.0.1:8000", f"127.0.0.1:{port}")

        def exit_code() -> int:
            return subprocess.run([sys.executable, "-c", probe], capture_output=True).returncode

        assert exit_code() == 0
        _Health.healthy = False
        assert exit_code() != 0
    finally:
        _Health.healthy = True
        server.shutdown()
        server.server_close()
    assert exit_code() != 0, "no server must count as unhealthy"
