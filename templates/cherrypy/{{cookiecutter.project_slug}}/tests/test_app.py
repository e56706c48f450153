"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import cherrypy


def test_debug_is_off_by_default(app):
    assert cherrypy.config["environment"] == "production"
    assert cherrypy.config["request.show_tracebacks"] is False
