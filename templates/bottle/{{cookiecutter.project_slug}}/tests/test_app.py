"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import os
import subprocess
import sys
from pathlib import Path

import bottle

ROOT = Path(__file__).resolve().parent.parent


def test_wsgi_refuses_to_start_without_secret():
    # An empty variable is "set", so python-dotenv leaves it as it is.
    env = {**os.environ, "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_is_off_by_default():
    assert bottle.DEBUG is False
