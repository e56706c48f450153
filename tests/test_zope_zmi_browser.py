"""The Zope starter's ZMI against a cross-site attack, in a real browser (headless Chromium).

An administrator logged in to the ZMI (HTTP basic authentication, which the
browser sends on its own with every request to the site) opens an attacker's
page on another origin (here another port of 127.0.0.1: same *site* to the
browser, so even SameSite cookies would go along). The page submits a form to
the ZMI that adds a Manager account, and sends the browser to a ZMI URL that
would add a folder on a GET. Nothing may change; a same-origin request still
works, which shows the browser was logged in all along.

The browser is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
JSON messages separated by NUL bytes on file descriptors 3 and 4), so the test
needs no package beyond Chromium itself. It is skipped when Chromium is missing,
except in CI, where a missing browser fails it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from scaffold import generator, registry

from .database_servers import free_port, shared_environment, stop_pid, wait_for_port

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
ADMIN = ("admin", "an-admin-password")
ATTACKER_USER = "mallory"


class Browser:
    """Headless Chromium, one page, driven over the DevTools pipe."""

    def __init__(self, profile: Path) -> None:
        to_browser, self._to_browser = os.pipe()
        self._from_browser, from_browser = os.pipe()
        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        # The protocol is on descriptors 3 (commands in) and 4 (answers out);
        # bash moves the pipes there (dash takes one-digit descriptors only).
        script = f'exec "$0" "$@" 3<&{to_browser} 4>&{from_browser}'
        self.log = profile / "chromium.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                ["bash", "-c", script, CHROMIUM, *flags],
                pass_fds=(to_browser, from_browser),
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        try:
            targets = self.command("Target.getTargets")["targetInfos"]
            page = next(target for target in targets if target["type"] == "page")
            attached = self.command(
                "Target.attachToTarget", targetId=page["targetId"], flatten=True
            )
        except BaseException:
            self.close()
            raise
        self.session = attached["sessionId"]

    def command(self, method: str, session: str | None = None, **params: object) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, object] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while True:
            answer = self._read_message(deadline, method)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result

    def _read_message(self, deadline: float, method: str) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                raise TimeoutError(f"Chromium did not answer {method}")
            chunk = os.read(self._from_browser, 65536)
            if not chunk:
                log = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"Chromium closed its DevTools pipe:\n{log}")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def evaluate(self, expression: str) -> object:
        result = self.command(
            "Runtime.evaluate",
            session=self.session,
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        return result["result"].get("value")

    def open(self, url: str, settle: float = 2.0) -> None:
        """Go to ``url`` and wait for the page (and what it does on load) to finish."""
        self.command("Page.navigate", session=self.session, url=url)
        time.sleep(0.3)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                if self.evaluate("document.readyState") == "complete":
                    break
            except RuntimeError:  # the page is between two documents
                pass
            time.sleep(0.2)
        time.sleep(settle)  # an auto-submitted form or a redirect runs after load

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.command("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


def attacker_pages(site: str) -> dict[str, str]:
    """The attacker's pages: what another origin can make a logged-in browser send."""
    # The field named "submit" hides the form's submit(): call the prototype's.
    add_manager = f"""<!doctype html>
<form id="f" method="post" action="{site}/acl_users/manage_users">
  <input name="name" value="{ATTACKER_USER}">
  <input name="password" value="attacker-password">
  <input name="confirm" value="attacker-password">
  <input name="roles:list" value="Manager">
  <input name="domains:tokens" value="">
  <input name="submit" value="Add">
</form>
<script>HTMLFormElement.prototype.submit.call(document.getElementById("f"));</script>"""
    # The same attack as a multipart form, the ZMI's own encoding for uploads.
    add_folder_multipart = f"""<!doctype html>
<form id="f" method="post" enctype="multipart/form-data" action="{site}/manage_addFolder">
  <input name="id" value="from_multipart">
</form>
<script>document.getElementById("f").submit();</script>"""
    add_folder_by_get = f"""<!doctype html>
<img src="{site}/manage_addFolder?id=from_image">
<script>setTimeout(() => location.href = "{site}/manage_addFolder?id=from_link", 500);</script>"""
    return {
        "/add-manager.html": add_manager,
        "/add-folder-multipart.html": add_folder_multipart,
        "/add-folder-by-get.html": add_folder_by_get,
    }


def serve_pages(pages: dict[str, str]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, "not found").encode()
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def as_admin(url: str) -> tuple[int, str]:
    """GET ``url`` with the administrator's credentials, outside the browser."""
    credentials = base64.b64encode(":".join(ADMIN).encode()).decode()
    request = urllib.request.Request(url, headers={"Authorization": f"Basic {credentials}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture
def zope_site(tmp_path: Path) -> Iterator[str]:
    """The Zope starter (FileStorage), migrated, with a Manager, served by waitress."""
    framework = registry.get("zope")
    project = generator.generate(
        framework, "zmi-demo", tmp_path / "out", extra={"database": "filestorage"}
    )
    with shared_environment(project.path) as environment:
        python = str(environment / "bin" / "python")
        env = {**os.environ, "ZOPE_SECRET_KEY": "browser-test-secret"}
        env["ZODB_PATH"] = str(tmp_path / "Data.fs")

        def run(*arguments: str, **extra: str) -> None:
            subprocess.run(
                [python, "-m", "zmi_demo", *arguments],
                cwd=project.path,
                env={**env, **extra},
                stdin=subprocess.DEVNULL,
                capture_output=True,
                check=True,
            )

        run("migrate")
        # The starter's own command (its _scaffold.admin_account), password from the environment.
        run("create-admin", ADMIN[0], ZOPE_ADMIN_PASSWORD=ADMIN[1])
        port = free_port()
        server = subprocess.Popen(
            [
                str(environment / "bin" / "waitress-serve"),
                f"--listen=127.0.0.1:{port}",
                "wsgi:application",
            ],
            cwd=project.path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert wait_for_port(port, 60, lambda: server.poll() is None), "Zope did not start"
            yield f"http://127.0.0.1:{port}"
        finally:
            stop_pid(server.pid)
            server.wait()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must have Chromium for this test")
        pytest.skip(f"needs Chromium at {CHROMIUM}")
    profile = tmp_path / "profile"
    profile.mkdir()
    opened = Browser(profile)
    try:
        yield opened
    finally:
        opened.close()


def test_zmi_refuses_cross_site_requests_in_a_browser(browser: Browser, zope_site: str) -> None:
    site = zope_site
    host = site.removeprefix("http://")
    # The administrator logs in: the browser keeps the credentials for the site.
    browser.open(f"http://{ADMIN[0]}:{ADMIN[1]}@{host}/manage_main", settle=0.5)
    browser.open(f"{site}/manage_main", settle=0.5)
    assert "acl_users" in str(browser.evaluate("document.body.innerText")), "not logged in"
    # Control: the ZMI's own origin can still change things (a form post from its page).
    created = browser.evaluate(
        """fetch("/manage_addFolder", {method: "POST",
             body: new URLSearchParams({id: "from_the_zmi"})}).then(r => r.status)"""
    )
    assert created == 200, created
    assert as_admin(f"{site}/from_the_zmi/manage_main")[0] == 200

    attacker, origin = serve_pages(attacker_pages(site))
    try:
        for page in attacker_pages(site):
            browser.open(origin + page)
    finally:
        attacker.shutdown()
        attacker.server_close()

    status, users = as_admin(f"{site}/acl_users/manage_users")
    assert status == 200
    assert ATTACKER_USER not in users, "a cross-site form added a Manager"
    for folder in ("from_multipart", "from_image", "from_link"):
        assert as_admin(f"{site}/{folder}/manage_main")[0] == 404, f"{folder} was created"
