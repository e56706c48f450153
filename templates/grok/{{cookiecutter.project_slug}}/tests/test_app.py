"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import re

from zope.app.appsetup.appsetup import getConfigContext

from {{ cookiecutter.package_name }} import DEV_ADMIN_PASSWORD


def test_debug_is_off_by_default(client):
    assert not getConfigContext().hasFeature("devmode")
    # Developer mode's ++debug++ namespace is not there.
    assert client.get("/++debug++source/", expect_errors=True).status_code == 404


def test_database_is_created_on_first_start(zodb_path, client):
    assert zodb_path.exists()


def test_notes_list(client):
    response = client.get("/notes")
    assert response.status_code == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields


def test_create_note_redirects_303(client):
    form = client.get("/notes").forms[0]
    form["text"] = "Buy <milk>"
    response = form.submit()
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/notes")
    page = response.follow()
    assert "Buy &lt;milk&gt;" in page.text


def test_forged_post_is_refused(client):
    # No CSRF cookie and no token: what a page on another site could send.
    client.reset()
    response = client.post("/notes", {"text": "forged"}, expect_errors=True)
    assert response.status_code == 403
    assert not re.search("forged", client.get("/notes").text)


def test_admin_requires_login(client):
    response = client.get("/admin", expect_errors=True)
    assert response.status_code in (302, 303)
    assert "/@@login?camefrom=" in response.headers["Location"]


def test_login_page(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'name="password"' in response.text


def test_admin_after_login(client):
    client.reset()
    response = client.post("/login", {"login": "admin", "password": DEV_ADMIN_PASSWORD})
    assert response.status_code == 303
    assert client.get("/admin").status_code == 200
    client.get("/logout")
    assert client.get("/admin", expect_errors=True).status_code in (302, 303)


def test_wrong_password_is_refused(client):
    client.reset()
    response = client.post("/login", {"login": "admin", "password": "wrong"})
    assert "Wrong user name or password" in response.text
