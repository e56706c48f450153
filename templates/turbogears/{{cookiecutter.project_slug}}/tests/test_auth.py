"""Tests for TurboGears' authentication: the login page, logging in and out, @require."""

import io
import sys
import time
from datetime import timedelta

import pytest
import transaction
from conftest import MANAGER_PASSWORD, PROJECT_DIR, log_in
from paste.deploy import loadapp
from webtest import TestApp

from {{ cookiecutter.package_name }} import model
from {{ cookiecutter.package_name }}.__main__ import main
from {{ cookiecutter.package_name }}.lib.auth import REISSUE_TIME, SESSION_LIFETIME, SESSION_TIMEOUT
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


# came_from values that browsers would follow to another site, or that are not
# valid in a Location header at all.
HOSTILE_TARGETS = [
    "//evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "/%2F/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "/\tevil.example",
    "/\t/evil.example",
    "/\nX",
    "/\r\nSet-Cookie: x=1",
    " //evil.example",
    "/\x00x",
    "/\x7f",
    "/\u2028/evil.example",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_hostile_came_from_goes_home(app, manager, target):
    # After logging out and after logging in: the home page, never a 5xx.
    assert app.get("/post_logout", params={"came_from": target}).location == "http://localhost/"
    response = manager.get("/post_login", params={"came_from": target})
    assert response.status_code == 302
    assert response.location == "http://localhost/"


def test_came_from_on_this_site_is_kept(app):
    for target in ("/notes", "/manage?x=1", "/notes?name=a%20b"):
        response = app.get("/post_logout", params={"came_from": target})
        assert response.location == "http://localhost" + target


def test_repeated_came_from_goes_home(app):
    assert app.get("/post_logout?came_from=/a&came_from=/b").location == "http://localhost/"


def log_out(app):
    """Send the "Log out" form of a page, as a browser does."""
    return app.get("/manage").forms["logout-form"].submit()


def test_logout_ends_the_session_on_the_server(manager):
    # A copy of the cookies taken before logging out (stolen, or left on a
    # shared computer) opens nothing once the user has logged out.
    copied = dict(manager.cookies)
    log_out(manager)
    replay = TestApp(manager.app)
    for name, value in copied.items():
        replay.set_cookie(name, value)
    response = replay.get("/manage")
    assert response.status_code == 302 and "/login" in response.location
    assert "Log out" not in replay.get("/").text
    assert model.DBSession.query(model.LoginSession).count() == 0


def test_each_login_is_a_session_of_its_own(app, manager):
    other = TestApp(app.app)
    log_in(other, "manager", MANAGER_PASSWORD)
    log_out(manager)
    # Logging out on one browser ends that login only.
    assert other.get("/manage").status_code == 200
    manager.get("/manage", status=302)


def test_login_ends_after_the_idle_timeout(manager, monkeypatch):
    assert manager.get("/manage").status_code == 200
    later = time.time() + SESSION_TIMEOUT + 1
    monkeypatch.setattr(time, "time", lambda: later)
    manager.get("/manage", status=302)


def test_active_login_ticket_is_renewed(manager, monkeypatch):
    before = manager.cookies["authtkt"]
    later = time.time() + REISSUE_TIME + 1
    monkeypatch.setattr(time, "time", lambda: later)  # the clock of the ticket's code too
    assert manager.get("/manage").status_code == 200
    assert manager.cookies["authtkt"] != before
    assert manager.get("/manage").status_code == 200


def test_login_ends_after_its_lifetime(manager):
    with transaction.manager:
        login = model.DBSession.query(model.LoginSession).one()
        login.created -= SESSION_LIFETIME + timedelta(minutes=1)
    manager.get("/manage", status=302)


def test_csrf_token_is_bound_to_the_login(app, manager):
    # A token from before the login is worthless after it.
    anonymous = TestApp(app.app)
    form = anonymous.get("/login").forms["login-form"]
    token = form["_csrf_token"].value
    form["login"], form["password"] = "manager", MANAGER_PASSWORD
    form.submit()
    anonymous.post("/notes", {"text": "old token", "_csrf_token": token}, status=403)
    # Another login's token does not work with this login, even with the same
    # csrf cookie (one planted by someone else, say).
    token = manager.get("/notes").forms["note-form"]["_csrf_token"].value
    anonymous.set_cookie("csrf", manager.cookies["csrf"])
    anonymous.post("/logout_handler", {"_csrf_token": token}, status=403)
    anonymous.post("/notes", {"text": "their token", "_csrf_token": token}, status=403)
    assert manager.post("/notes", {"text": "mine", "_csrf_token": token}).status_code == 303


def test_create_admin_never_prompts_without_a_terminal(settings, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("typed-password\n"))
    with pytest.raises(SystemExit) as exit_:
        main(["create-admin", "ada"])
    assert "ADMIN_PASSWORD" in str(exit_.value)


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
