"""Logging in and out, the session cookie, and the page only administrators may open."""

import pytest
import webtest
from conftest import ADMIN_PASSWORD, log_in

from {{ cookiecutter.package_name }}.__main__ import main as command


def test_login_page(app):
    page = app.get("/login")
    form = page.forms["login-form"]
    assert "csrf_token" in form.fields
    assert form["password"].attrs["type"] == "password"


def test_manage_requires_login(app):
    response = app.get("/manage", status=303)
    assert response.location.endswith("/login?next=%2Fmanage")


def test_admin_can_manage(admin):
    assert "Only administrators" in admin.get("/manage").text


def test_wrong_password_is_refused(app, admin):
    other = webtest.TestApp(app.app)
    response = log_in(other, "admin", "not-the-password")
    assert response.status_code == 400
    assert "Failed login" in response.text
    other.get("/manage", status=303)


def test_user_without_the_role_gets_403(app, settings):
    from {{ cookiecutter.package_name }}.scripts.initialize_db import create_admin

    create_admin(settings, "editor", ADMIN_PASSWORD)
    # Make the account an ordinary user: logged in, but without the "manage" permission.
    wsgi_app = app.app
    factory = wsgi_app.registry["dbsession_factory"]
    with factory() as session, session.begin():
        from {{ cookiecutter.package_name }} import models

        session.query(models.User).filter_by(name="editor").update({"role": "editor"})
    log_in(app, "editor", ADMIN_PASSWORD)
    app.get("/manage", status=403)


def test_login_cookie_is_new_and_safe(app, settings):
    from {{ cookiecutter.package_name }}.scripts.initialize_db import create_admin

    create_admin(settings, "admin", ADMIN_PASSWORD)
    before = app.get("/login").forms["login-form"]["csrf_token"].value
    response = log_in(app, "admin", ADMIN_PASSWORD)
    cookies = response.headers.getall("Set-Cookie")
    assert len(cookies) == 1
    assert "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0]
    # A new session at login: the CSRF token of the page before no longer counts.
    assert app.get("/notes").forms["note-form"]["csrf_token"].value != before


def test_forged_login_and_logout_are_refused(app, admin):
    fresh = webtest.TestApp(app.app)
    fresh.post("/login", {"login": "admin", "password": ADMIN_PASSWORD}, status=400)
    admin.post("/logout", status=400)
    admin.get("/manage", status=200)


def test_logout(admin):
    form = admin.get("/manage").forms["logout-form"]
    assert form.submit().status_code == 303
    admin.get("/manage", status=303)


def test_logout_ends_every_copy_of_the_session(admin):
    copied = admin.cookies["session"]
    admin.get("/manage").forms["logout-form"].submit()
    replay = webtest.TestApp(admin.app)
    replay.set_cookie("session", copied)
    replay.get("/manage", status=303)


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "https://evil.example/", "/\\evil.example", "/\tevil", "javascript:x"],
)
def test_hostile_next_goes_home(app, settings, target):
    from {{ cookiecutter.package_name }}.scripts.initialize_db import create_admin

    create_admin(settings, "admin", ADMIN_PASSWORD)
    response = log_in(app, "admin", ADMIN_PASSWORD, next=target)
    assert response.status_code == 303
    assert response.location == "http://localhost/"


def test_next_on_this_site_is_kept(app, settings):
    from {{ cookiecutter.package_name }}.scripts.initialize_db import create_admin

    create_admin(settings, "admin", ADMIN_PASSWORD)
    response = log_in(app, "admin", ADMIN_PASSWORD, next="/manage")
    assert response.location == "http://localhost/manage"


def test_create_admin_command(settings, monkeypatch, capsys):
    monkeypatch.setenv("ADMIN_PASSWORD", "a-good-password")
    command(["create-admin", "boss"])
    assert "Created boss" in capsys.readouterr().out
    command(["create-admin", "boss"])
    assert "Updated boss" in capsys.readouterr().out


def test_create_admin_never_prompts_without_a_terminal(settings, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(SystemExit, match="ADMIN_PASSWORD"):
        command(["create-admin", "boss"])
