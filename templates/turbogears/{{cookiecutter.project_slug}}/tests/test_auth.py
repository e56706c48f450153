"""Tests for TurboGears' authentication: the login page, logging in and out, @require."""

from conftest import MANAGER_PASSWORD, PROJECT_DIR, log_in
from paste.deploy import loadapp
from webtest import TestApp

from {{ cookiecutter.package_name }}.__main__ import main
from {{ cookiecutter.package_name }}.websetup import create_admin


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


def test_wrong_password_is_refused(app, manager):
    app.reset()  # forget the manager's login
    response = log_in(app, "manager", "wrong")
    response = response.follow()  # /post_login sends the browser back to the form
    assert "/login" in response.location
    assert "authtkt" not in app.cookies or not app.cookies["authtkt"].strip('"')


def login_cookies(response):
    return [h for h in response.headers.getall("Set-Cookie") if h.startswith("authtkt=")]


def test_login_cookie_is_set_once_with_safe_flags(app, manager):
    app.reset()
    (cookie,) = login_cookies(log_in(app, "manager", MANAGER_PASSWORD))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Domain=" not in cookie and "Secure" not in cookie


def test_login_cookie_is_secure_behind_https(settings, monkeypatch):
    monkeypatch.setenv("TG_HTTPS", "1")
    monkeypatch.setenv("ADMIN_PASSWORD", MANAGER_PASSWORD)
    main(["create-admin", "manager"])
    app = TestApp(loadapp("config:development.ini", relative_to=PROJECT_DIR))
    app.extra_environ["wsgi.url_scheme"] = "https"
    (cookie,) = login_cookies(log_in(app, "manager", MANAGER_PASSWORD))
    assert "Secure" in cookie and "HttpOnly" in cookie
    assert "Strict-Transport-Security" in app.get("/").headers
    assert all("Secure" in c for c in app.get("/notes").headers.getall("Set-Cookie"))


def test_login_issues_a_new_cookie(manager, settings):
    # Even with a valid ticket already in the browser, a login sends a fresh one
    # (a planted cookie never outlives a login).
    assert len(login_cookies(log_in(manager, "manager", MANAGER_PASSWORD))) == 1
    create_admin(settings, "ada", "another-password")
    before = manager.cookies["authtkt"]
    log_in(manager, "ada", "another-password")
    assert manager.cookies["authtkt"] != before
    assert "ada (groups: managers)" in manager.get("/manage").text


def test_forged_login_and_logout_are_refused(app, manager):
    manager.post("/logout_handler", status=403)
    manager.get("/manage", status=200)  # still logged in
    app.reset()
    app.post("/login_handler", {"login": "manager", "password": MANAGER_PASSWORD}, status=403)
    app.get("/login_handler", status=405)


def test_logout(manager):
    response = manager.get("/manage").forms["logout-form"].submit()  # the "Log out" form
    assert "/post_logout" in response.location
    manager.get("/manage", status=302)


def test_create_admin_command(settings, monkeypatch, capsys):
    monkeypatch.setenv("ADMIN_PASSWORD", "another-password")
    main(["create-admin", "ada"])
    assert "Created ada" in capsys.readouterr().out
    app = TestApp(loadapp("config:development.ini", relative_to=PROJECT_DIR))
    log_in(app, "ada", "another-password")
    assert app.get("/manage").status_code == 200


def test_no_redirect_to_other_sites(app):
    response = app.get("/post_logout", params={"came_from": "https://example.com/"})
    assert response.location == "http://localhost/"


def test_plugins_are_verified_once_at_start(app, manager, monkeypatch):
    # lib/auth.py: requests share the plugin registries checked when the app was
    # built, where repoze.who's own API would verify every plugin again.
    from repoze.who import api

    calls = []
    verify = api.make_registries
    monkeypatch.setattr(api, "make_registries", lambda *args: calls.append(args) or verify(*args))
    assert manager.get("/manage").status_code == 200
    assert app.get("/health").status_code == 200
    assert calls == []
