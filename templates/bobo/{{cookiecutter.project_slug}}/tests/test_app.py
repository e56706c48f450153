"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import os
import subprocess
import sys
from pathlib import Path

from {{ cookiecutter.package_name }} import app as app_module

ROOT = Path(__file__).resolve().parent.parent


def test_wsgi_refuses_to_start_without_secret():
    # An empty variable is "set", so python-dotenv leaves it as it is.
    env = {**os.environ, "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_query_that_is_not_utf8_is_read_leniently(client):
    response = client.get("/?name=%ff")
    assert "Hello, \ufffd!" in response.text


def test_path_that_is_not_utf8_is_400(client):
    client.get("/%ff", status=400)


def test_nul_byte_in_a_static_name_is_404(client):
    client.get("/static/a%00b", status=404)


def test_static_file_is_not_sent_again_when_unchanged(client):
    etag = client.get("/static/style.css").headers["ETag"]
    response = client.get("/static/style.css", headers={"If-None-Match": etag}, status=304)
    assert response.body == b""


def test_debug_is_off_by_default(app):
    assert app_module.DEBUG is False
    # bobo catches errors itself and answers a plain 500 page.
    assert app_module.bobo_app.config["bobo_handle_exceptions"] is True
