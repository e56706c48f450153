"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import py4web.core


def test_debug_is_off_by_default(application):
    assert py4web.core.DEBUG is False


def test_notes_list(client):
    response = client.get("/notes")
    assert response.status_int == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields
    # The hidden field that carries the form's CSRF signature.
    assert "_formkey" in form.fields


def test_create_note_redirects_303(client):
    form = client.get("/notes").forms[0]
    form["text"] = "Remember <the milk>"
    response = form.submit()
    assert response.status_int == 303
    assert response.location.endswith("/notes")
    assert "Remember &lt;the milk&gt;" in response.follow().text


def test_empty_note_is_not_saved(client):
    form = client.get("/notes").forms[0]
    form["text"] = ""
    response = form.submit()
    # The form comes back with the validator's message instead of a redirect.
    assert response.status_int == 200
    assert "Enter a value" in response.text


def test_forged_post_is_refused(client):
    # No _formkey and no session cookie: what a cross-site request would send.
    response = client.post("/notes", {"text": "forged"}, status=403)
    assert "forged" not in client.get("/notes").text
    assert response.status_int == 403


def test_login_page(client):
    response = client.get("/auth/login")
    assert response.status_int == 200
    assert 'name="password"' in response.text
