"""`scaffold.compare.measure` and its child process, and (end to end) the measured figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import cache, generator
from scaffold.cli import cli
from scaffold.compare import core, environment_cache, measure_child
from scaffold.runtime import environments

from .helpers import FRAMEWORKS


def test_cached_environment_is_made_once_and_keeps_no_project(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(environment_cache, "resolve", lambda project: ["flask==3.1.0"])
    made: list[Path] = []

    def prepare(env_path: Path, requirements: list[str]) -> environments.Environment:
        if not (env_path / environment_cache.READY).is_file():
            made.append(env_path)
            env_path.mkdir(parents=True)
            (env_path / environment_cache.READY).write_text("")
        return environments.Environment(env_path, "uv")

    uninstalled: list[str] = []
    monkeypatch.setattr(environment_cache, "prepare", prepare)
    monkeypatch.setattr(environments, "uninstall", lambda env, name: uninstalled.append(name))
    seen = []
    for name in ("first-app", "second-app"):
        with environment_cache.cached_environment(tmp_path / name) as (environment, key, reused):
            seen.append((environment.path, key, reused))
    (path, key, reused), (path_again, key_again, reused_again) = seen
    assert (reused, reused_again) == (False, True)
    assert path == path_again == tmp_path / "cache" / "envs" / key and key == key_again
    assert made == [path]
    assert uninstalled == ["first-app", "second-app"], "the cache keeps dependencies only"


def test_cache_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert environment_cache.cache_dir() == tmp_path / "xdg" / "scaffold"
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "mine"))
    assert environment_cache.cache_dir() == tmp_path / "mine"


def test_environment_key_follows_the_pinned_versions() -> None:
    key = environment_cache.environment_key(["flask==3.1.0", "pytest==8.0"])
    assert key == environment_cache.environment_key(["pytest==8.0", "flask==3.1.0"])
    assert key != environment_cache.environment_key(["flask==3.1.1", "pytest==8.0"])


def test_probe_calls_a_wsgi_application() -> None:
    def application(environ, start_response):
        found = environ["PATH_INFO"] == "/health"
        start_response("200 OK" if found else "404 Not Found", [])
        return [b"ok"]

    driver = measure_child.driver("wsgi", application)
    assert driver.get("/health") == "200 OK"
    assert measure_child.requests_per_second(driver, "/health", 0.05)["rps"] > 0
    assert measure_child.requests_per_second(driver, "/nope", 0.05)["rps"] is None


def test_probe_calls_an_asgi_application_after_its_lifespan_start_up() -> None:
    started: list[str] = []

    async def application(scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                started.append(message["type"])
                await send({"type": message["type"] + ".complete"})
                if message["type"] == "lifespan.shutdown":
                    return
        await receive()
        status = 200 if scope["path"] == "/health" else 404
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    driver = measure_child.driver("asgi", application)
    assert measure_child.requests_per_second(driver, "/health", 0.05)["rps"] > 0
    assert measure_child.requests_per_second(driver, "/nope", 0.05)["rps"] is None
    driver.close()
    assert started == ["lifespan.startup", "lifespan.shutdown"]


def test_probe_finds_the_runtime_closure() -> None:
    found = measure_child.distributions("pytest")
    names = {entry["name"].lower() for entry in found["runtime"]}
    assert "pluggy" in names and "pytest" not in names
    assert all(entry["bytes"] > 0 for entry in found["runtime"])


@pytest.mark.e2e
def test_measure_flask_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    # The run's cache, which the end-to-end tests share: the flask environment may be ready.
    flask = FRAMEWORKS["flask"]
    skeleton = generator.generate(flask, core.PROJECT_NAME, tmp_path, record=False).path
    key = environment_cache.environment_key(environment_cache.resolve(skeleton))
    ready = (environment_cache.cache_dir() / "envs" / key / environment_cache.READY).is_file()
    arguments = ["compare", "flask", "--measure", "--format", "json", "--runs", "2"]
    arguments += ["--seconds", "0.2"]
    first = runner.invoke(cli, arguments)
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["machine"]["python"] == ".".join(map(str, sys.version_info[:3]))
    figures = data["frameworks"][0]["measurement"]
    assert figures["errors"] == []
    assert figures["tests_passed"] is True
    assert figures["environment"] == key
    # Ready before means reused; otherwise a test on the other worker may have made it since.
    assert figures["environment_reused"] or not ready
    assert any(d["name"].lower() == "flask" for d in figures["runtime"])
    assert "pytest" not in {d["name"].lower() for d in figures["runtime"]}
    assert figures["cold_start_seconds"] > 0 and len(figures["start_seconds"]) == 2
    assert figures["rss_bytes"] > 1_000_000
    assert all(rate > 0 for rate in figures["requests_per_second"].values())

    second = json.loads(runner.invoke(cli, arguments).stdout)["frameworks"][0]["measurement"]
    assert second["environment_reused"] is True
    assert second["environment"] == figures["environment"]
    kept = environment_cache.cache_dir() / "envs" / key
    assert not any(kept.glob("lib/*/site-packages/myapp*"))


@pytest.mark.e2e
@pytest.mark.parametrize("key", list(FRAMEWORKS))
def test_measure_every_template(runner: CliRunner, key: str) -> None:
    """`compare --all --measure --format json`, one template per test so that xdist can
    spread them: every skeleton installs, starts and answers every measured route.
    The environments are the run's, shared with the end-to-end tests."""
    # Each project's own tests are skipped here: the end-to-end test of each template runs
    # them (scaffold check, in the same environment), and the flask test above runs them
    # through --measure.
    arguments = ["compare", key, "--measure", "--format", "json", "--runs", "2"]
    result = runner.invoke(cli, [*arguments, "--seconds", "0.2", "--skip-tests"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)["frameworks"]
    # A starter that offers two interfaces is measured through each (falcon:wsgi, falcon:asgi).
    assert [entry["key"] for entry in entries] == [
        view.label for view in FRAMEWORKS[key].each_interface()
    ]
    for entry in entries:
        figures = entry["measurement"]
        assert figures["errors"] == [], entry["key"]
        assert figures["tests_passed"] is None and figures["tests_summary"] == "not run"
        assert figures["cold_start_seconds"] > 0 and figures["rss_bytes"] > 1_000_000
        assert figures["runtime"], "the distributions the app needs were counted"
        assert all(rate > 0 for rate in figures["requests_per_second"].values())


def test_a_failed_install_gives_back_every_environment_the_others_hold(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An unexpected error in one skeleton's install still releases the others' environments."""
    import contextlib

    from scaffold.compare import measure

    released: list[str] = []

    @contextlib.contextmanager
    def install(framework, project, tell, *, tests=True):  # type: ignore[no-untyped-def]
        if framework.key == "bottle":
            raise RuntimeError("broken install")
        try:
            yield object()
        finally:
            released.append(framework.key)

    monkeypatch.setattr(measure, "install", install)
    chosen = [FRAMEWORKS["flask"], FRAMEWORKS["bottle"], FRAMEWORKS["bobo"]]
    first = {framework.key: framework for framework in chosen}
    paths = {key: tmp_path / key for key in first}
    with pytest.raises(RuntimeError, match="broken install"):
        core.measuring_all(chosen, first, paths, options=measure.Options(), tell=lambda _: None)
    assert sorted(released) == ["bobo", "flask"]
