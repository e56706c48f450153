"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

from {{ cookiecutter.package_name }} import app as app_module


def test_debug_is_off_by_default(app):
    assert app_module.DEBUG is False
    # bobo catches errors itself and answers a plain 500 page.
    assert app.config["bobo_handle_exceptions"] is True
