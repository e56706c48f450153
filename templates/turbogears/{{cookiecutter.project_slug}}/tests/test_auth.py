"""Tests for TurboGears' authentication: the login page, logging in and out, @require."""


def test_login_page(app):
    response = app.get("/login")
    assert response.status_code == 200
    assert 'name="password"' in response.text


def test_manage_requires_login(app):
    response = app.get("/manage")
    # Anonymous visitors are redirected to the login page.
    assert response.status_code == 302
    assert "/login" in response.location


def test_manager_can_manage(manager):
    response = manager.get("/manage")
    assert response.status_code == 200
    assert "manager (groups: managers)" in response.text


def test_wrong_password_is_refused(app):
    response = app.get("/login_handler", params={"login": "manager", "password": "wrong"})
    response = response.follow()  # /post_login sends the browser back to the form
    assert "/login" in response.location
    assert "authtkt" not in app.cookies or not app.cookies["authtkt"].strip('"')


def test_logout(manager):
    response = manager.get("/logout_handler")
    assert "/post_logout" in response.location
    manager.get("/manage", status=302)


def test_no_redirect_to_other_sites(app):
    response = app.get("/post_logout", params={"came_from": "https://example.com/"})
    assert response.location == "http://localhost/"
