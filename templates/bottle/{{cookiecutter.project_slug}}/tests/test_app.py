"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import bottle


def test_debug_is_off_by_default():
    assert bottle.DEBUG is False
