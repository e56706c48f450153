"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

from {{ cookiecutter.package_name }}.startup import ADMIN_USER, admin_password


def test_debug_is_off_by_default(wsgi_app):
    from App.config import getConfiguration

    assert getConfiguration().debug_mode is False


def test_notes_list(client):
    response = client.get("/notes")
    assert response.status_int == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields


def test_create_note_redirects_303(client):
    response = client.post("/notes", {"text": "Buy <milk>"})
    assert response.status_int == 303
    assert response.location.endswith("/notes")
    page = response.follow()
    assert "Buy &lt;milk&gt;" in page.text
    assert "Buy <milk>" not in page.text


def test_admin_requires_login(client):
    assert client.get("/manage_main", expect_errors=True).status_int == 401
    client.set_authorization(("Basic", (ADMIN_USER, admin_password())))
    assert client.get("/manage_main").status_int == 200
