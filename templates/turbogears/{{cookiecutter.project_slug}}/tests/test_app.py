"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import tg


def test_debug_is_off_by_default(app):
    assert tg.config["debug"] is False


def test_notes_list(app):
    response = app.get("/notes")
    assert response.status_code == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields


def test_create_note_redirects_303(app):
    response = app.post("/notes", {"text": "Buy <milk>"})
    assert response.status_code == 303
    assert response.location.endswith("/notes")
    page = response.follow()
    assert "Buy &lt;milk&gt;" in page.text


def test_blank_note_is_refused(app):
    response = app.post("/notes", {"text": "   "})
    assert response.status_code == 200
    assert "Write something first." in response.text
    assert "<li>" not in response.text
