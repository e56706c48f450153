"""Tests for TurboGears' authentication: the login page, logging in and out, the admin."""


def test_login_page(app):
    response = app.get("/login")
    assert response.status_code == 200
    assert 'name="password"' in response.text


def test_admin_requires_login(app):
    response = app.get("/admin/")
    # Anonymous visitors are redirected to the login page.
    assert response.status_code == 302
    assert "/login" in response.location


def test_login_sets_cookie_and_opens_admin(manager):
    response = manager.get("/admin/")
    assert response.status_code == 200
    assert "Administration" in response.text


def test_wrong_password_is_refused(app):
    response = app.get("/login_handler", params={"login": "manager", "password": "wrong"})
    response = response.follow()  # /post_login sends the browser back to the form
    assert "/login" in response.location
    assert "authtkt" not in app.cookies or not app.cookies["authtkt"].strip('"')


def test_logout(manager):
    response = manager.get("/logout_handler")
    assert "/post_logout" in response.location
    manager.get("/admin/", status=302)
