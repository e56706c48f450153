"""The deploy pack, baked for every template and option, checked with real linters.

Containers cannot be built on the machines that test scaffold, so the generated
files are checked the way a reviewer would without Docker: hadolint for the
Dockerfile, actionlint for the GitHub Actions workflow, the Compose
specification's JSON schema (vendored in check-jsonschema, so no network) for
compose.yaml; and the image's CMD and HEALTHCHECK are compared with the server
command and the /health probe of the end-to-end tests. One more test rehearses the
image's steps in a plain virtual environment: the build context that .dockerignore
leaves, the install, the build commands, migrate, CMD and HEALTHCHECK.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from scaffold import answers, check, generator, registry
from scaffold.questions import questions
from scaffold.runtime import environments, processes, servers

from .database_servers import shared_environment
from .helpers import FRAMEWORKS, framework_params, on_loopback

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

    The first production server of the project's interface (waitress for WSGI, which reads
    whole requests, so slow clients cannot stall it; uvicorn for ASGI), with the same
    arguments, listening on 0.0.0.0:8000.
    """
    recorded = answers.read(project)
    framework = registry.get(recorded.framework)
    environment = environments.Environment(Path("venv"), "uv")
    _run, server, *_others = check.servers_for(environment, recorded, framework)
    executable, *arguments = server.command
    listen = {
        "127.0.0.1:{port}": "0.0.0.0:8000",
        "--listen=127.0.0.1:{port}": "--listen=0.0.0.0:8000",
        "127.0.0.1": "0.0.0.0",
        "{port}": "8000",
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
    # Every variable compose reads from .env is one that .env.example lists.
    compose_text = (project / "compose.yaml").read_text(encoding="utf-8")
    listed = {
        line.split("=", 1)[0].strip()
        for line in (project / ".env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    for variable in set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", compose_text)):
        assert variable in listed, f"compose.yaml reads {variable}, which .env.example lacks"
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


def dockerignore_pattern(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as a regular expression over project-relative paths."""
    regex, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex, i = regex + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            regex, i = regex + ".*", i + 2
        elif pattern[i] == "*":
            regex, i = regex + "[^/]*", i + 1
        elif pattern[i] == "?":
            regex, i = regex + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            regex, i = regex + pattern[i : end + 1], end + 1
        else:
            regex, i = regex + re.escape(pattern[i]), i + 1
    return re.compile(regex)


def build_context(project: Path) -> list[Path]:
    """The files ``docker build`` sends: those no .dockerignore rule excludes (last rule wins)."""
    rules = [
        (line.startswith("!"), dockerignore_pattern(line.lstrip("!").strip("/")))
        for line in (project / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    sent = []
    for path in sorted(project.rglob("*")):
        if not path.is_file():
            continue
        parts = path.relative_to(project).parts
        excluded = False
        for negated, regex in rules:
            # A rule that matches a folder excludes everything below it.
            if any(regex.fullmatch("/".join(parts[:n])) for n in range(1, len(parts) + 1)):
                excluded = not negated
        if not excluded:
            sent.append(path.relative_to(project))
    return sent


@pytest.mark.e2e
@pytest.mark.parametrize("framework", framework_params())
def test_the_image_steps_work_without_docker(framework: registry.Framework, tmp_path: Path) -> None:
    """Rehearse the Dockerfile without Docker: the build context, the install, the build
    commands, migrate, CMD and HEALTHCHECK, in a plain virtual environment.

    Not the container (no Docker here), but each of its steps as the image runs them.
    """
    project = generator.generate(framework, "image-demo", tmp_path, extra={"deploy": True}).path
    context = build_context(project)
    assert Path(".env") not in context and Path(".env.example") in context
    app = tmp_path / "app"
    for relative in context:
        (app / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(project / relative, app / relative)
    with shared_environment(project) as environment_dir:
        # The environment of the end-to-end tests has these dependencies already: only the
        # project itself is installed, from its files, as `pip install ./[deploy]` does.
        environment = environments.create(environment_dir)
        environments.install(environment, ["./[deploy]"], cwd=app)
        rehearse(framework, project, app, environment)


def rehearse(
    framework: registry.Framework,
    project: Path,
    app: Path,
    environment: environments.Environment,
) -> None:
    """Run the Dockerfile's steps after its install in ``app``, with ``environment``."""
    dockerfile = (app / "Dockerfile").read_text(encoding="utf-8")
    bin_dir = str(environment.python.parent)
    build_env = {**processes.clean_env(), "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    # The image's own RUN steps after its pip install (done by the caller), except those
    # that need its user or root: the build commands of the template.
    runs = re.sub(r"\\\n\s*", " ", dockerfile).splitlines()
    steps = [step for line in runs if line.startswith("RUN pip ") for step in line.split(" && ")]
    for command in [step for step in steps[1:] if not step.startswith("install -d -o app")]:
        completed = subprocess.run(
            ["sh", "-c", command], cwd=app, env=build_env, capture_output=True, text=True
        )
        assert completed.returncode == 0, f"RUN {command}: {completed.stderr[-1500:]}"
    # compose.yaml hands the container the settings of .env (env_file).
    settings = {
        key: value
        for key, value in (
            line.split("=", 1)
            for line in (project / ".env").read_text(encoding="utf-8").splitlines()
            if "=" in line and not line.lstrip().startswith("#")
        )
    }
    run_env = {**build_env, **settings}
    if framework.is_full_stack:
        package = answers.read(project).package_name
        completed = subprocess.run(
            [str(environment.python), "-m", package, "migrate"],
            cwd=app,
            env=run_env,
            capture_output=True,
            text=True,
        )
        assert completed.returncode == 0, f"migrate: {completed.stderr[-1500:]}"
    port = servers.free_port()
    executable, *arguments = json.loads(instruction(dockerfile, "CMD"))
    command = [str(environment.script(executable)), *on_loopback(arguments, port)]
    health = instruction(dockerfile, "HEALTHCHECK")
    probe = json.loads(health[health.index("CMD ") + 4 :])[2]
    probe = probe.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    with servers.serving(command, app, port=port, env=settings):
        for _attempt in range(20):
            completed = subprocess.run(
                [str(environment.python), "-c", probe], capture_output=True, text=True
            )
            if completed.returncode == 0:
                break
            time.sleep(0.5)
        assert completed.returncode == 0, f"HEALTHCHECK failed: {completed.stderr[-800:]}"


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
