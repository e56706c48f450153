"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import transaction
import webtest
from zope.app.appsetup.appsetup import getConfigContext

from {{ cookiecutter.package_name }}.notes import MAX_LENGTH

PROJECT = Path(__file__).resolve().parent.parent
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def log_in(client, admin):
    form = client.get("/login").forms[0]
    form["login"], form["password"] = admin
    return form.submit()


def test_debug_is_off_by_default(client):
    assert not getConfigContext().hasFeature("devmode")
    # Developer mode's ++debug++ namespace is not there.
    assert client.get("/++debug++source/", expect_errors=True).status_code == 404


def test_wsgi_refuses_to_start_without_secret():
    env = {**os.environ, "GROK_SECRET_KEY": ""}
    completed = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert completed.returncode != 0
    assert completed.stderr.strip().splitlines() == [
        "GROK_SECRET_KEY is not set: copy .env.example to .env and fill it in, "
        "or set it in the environment."
    ]


def test_database_is_created_by_migrate(zodb_path, client):
    assert zodb_path.exists()


def test_importing_wsgi_never_changes_the_database(tmp_path):
    data_fs = tmp_path / "Data.fs"
{%- if cookiecutter.database == "zeo" %}
    import ZEO
    from ZODB.FileStorage import FileStorage

    address, stop = ZEO.server(path=str(data_fs))
    env = {**os.environ, "GROK_SECRET_KEY": "x", "ZEO_ADDRESS": f"{address[0]}:{address[1]}"}
    try:
        completed = subprocess.run(
            [sys.executable, "-c", "import wsgi"],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
        )
    finally:
        stop()
    storage = FileStorage(str(data_fs), read_only=True)
    assert len(storage) == 0  # not even a root object
    storage.close()
{%- else %}
    env = {**os.environ, "GROK_SECRET_KEY": "x", "ZODB_PATH": str(data_fs)}
    completed = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert not data_fs.exists()
{%- endif %}
    # It starts, answers 503, and says what to do on standard error.
    assert completed.returncode == 0, completed.stderr
    assert "run `python -m {{ cookiecutter.package_name }} migrate` first" in completed.stderr


def test_migrate_is_idempotent(application):
    from zope.app.publication.zopepublication import ZopePublication

    from {{ cookiecutter.package_name }}.app import APP_NAME, set_up_database

    def app_oid():
        connection = application.database.open()
        try:
            return connection.root()[ZopePublication.root_name][APP_NAME]._p_oid
        finally:
            connection.close()

    before = app_oid()
    set_up_database(application.database)
    assert app_oid() == before


def test_create_admin_command(tmp_path):
    """create-admin reads the password from stdin when it is not a terminal."""
    env = {**os.environ, "GROK_SECRET_KEY": "x"}
{%- if cookiecutter.database == "zeo" %}
    import ZEO

    address, stop = ZEO.server(path=str(tmp_path / "Data.fs"))
    env["ZEO_ADDRESS"] = f"{address[0]}:{address[1]}"
{%- else %}
    env["ZODB_PATH"] = str(tmp_path / "Data.fs")
{%- endif %}
    command = [sys.executable, "-m", "{{ cookiecutter.package_name }}", "create-admin"]
    run = dict(cwd=PROJECT, env=env, capture_output=True, text=True)
    short = subprocess.run(command, input="short\n", **run)
    done = subprocess.run(command, input="a-long-password\n", **run)
{%- if cookiecutter.database == "zeo" %}
    stop()
{%- endif %}
    assert short.returncode != 0
    assert "at least 8 characters" in short.stderr
    assert done.returncode == 0, done.stderr
    assert "password is set" in done.stdout


def test_notes_list(client):
    response = client.get("/notes")
    assert response.status_code == 200
    assert response.content_type == "text/html"
    form = response.forms[0]
    assert form.method.lower() == "post"
    assert "text" in form.fields
    assert form["text"].attrs["maxlength"] == str(MAX_LENGTH)
    assert f"at most {MAX_LENGTH} characters" in response.text


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
    assert "forged" not in client.get("/notes").text


@pytest.mark.parametrize("text", ["", "   ", "a\x00b"])
def test_blank_note_is_refused(client, text):
    form = client.get("/notes").forms[0]
    form["text"] = text
    response = form.submit(expect_errors=True)
    assert response.status_code == 400
    assert 'class="error"' in response.text  # the form says why
    assert "a\x00b" not in client.get("/notes").text


def test_long_note_is_refused(client):
    form = client.get("/notes").forms[0]
    form["text"] = "x" * (MAX_LENGTH + 1)
    response = form.submit(expect_errors=True)
    assert response.status_code == 400
    assert "x" * (MAX_LENGTH + 1) not in client.get("/notes").text


def test_large_body_is_refused(client):
    body = b"text=" + b"x" * (1024 * 1024 + 1)
    response = client.post("/notes", body, headers=FORM, expect_errors=True)
    assert response.status_code == 413


@pytest.mark.parametrize("path", ["/", "/notes", "/static/style.css", "/no-such-page"])
def test_security_headers(client, path):
    headers = client.get(path, expect_errors=True).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("POST", "/health", "GET, HEAD"),
        ("POST", "/", "GET, HEAD"),
        ("PUT", "/notes", "GET, HEAD, POST"),
        ("DELETE", "/notes", "GET, HEAD, POST"),
    ],
)
def test_wrong_method_is_405(client, method, path, allow):
    response = client.request(path, method=method, expect_errors=True)
    assert response.status_code == 405
    assert response.headers["Allow"] == allow


@pytest.mark.parametrize("path", ["/", "/health", "/static/style.css", "/notes"])
def test_head_has_no_body(client, path):
    response = client.head(path)
    assert response.status_code == 200
    assert response.body == b""


@pytest.mark.parametrize(
    "query", ["name=%ff%fe", "name=a%00b", "name=a&name=b", "name:int=x", "name:record=x"]
)
def test_malformed_query_is_not_5xx(client, query):
    response = client.get(f"/?{query}", expect_errors=True)
    assert response.status_code < 500


@pytest.mark.parametrize("path", ["/%ff", "/static/%ff", "/%c0%af"])
def test_path_that_is_not_utf8_is_400(client, path):
    assert client.get(path, expect_errors=True).status_code == 400


@pytest.mark.parametrize("body", [b"text=%ff%fe", b"text=a&text=b", b"text:int=x", b"\xff\x00"])
def test_malformed_post_is_not_5xx(client, body):
    response = client.post("/notes", body, headers=FORM, expect_errors=True)
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("content_type", ["text/xml", "text/xml; charset=utf-8"])
def test_xml_post_is_415(client, content_type):
    # XML-RPC is not offered: a malformed call would otherwise be a 500.
    headers = {"Content-Type": content_type}
    response = client.post("/notes", b"<x/>", headers=headers, expect_errors=True)
    assert response.status_code == 415


def test_concurrent_notes_do_not_conflict(application):
    """Two transactions that add a note at once both commit (BTree conflict resolution)."""
    from zope.app.publication.zopepublication import ZopePublication

    from {{ cookiecutter.package_name }}.app import APP_NAME
    from {{ cookiecutter.package_name }}.notes import Note

    managers = transaction.TransactionManager(), transaction.TransactionManager()
    connections = [application.database.open(transaction_manager=tm) for tm in managers]
    boards = [c.root()[ZopePublication.root_name][APP_NAME]["notes"] for c in connections]
    before = len(boards[0])
    boards[0].add(Note("one"))
    boards[1].add(Note("two"))
    managers[0].commit()
    managers[1].commit()
    for connection in connections:
        connection.close()
    connection = application.database.open()
    assert len(connection.root()[ZopePublication.root_name][APP_NAME]["notes"]) == before + 2
    connection.close()


def test_admin_requires_login(client):
    response = client.get("/admin", expect_errors=True)
    assert response.status_code in (302, 303)
    assert "/@@login?camefrom=" in response.headers["Location"]


def test_login_page(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'name="password"' in response.text


def test_admin_after_login(client, admin):
    client.reset()
    response = log_in(client, admin)
    assert response.status_code == 303
    assert client.get("/admin").status_code == 200
    client.get("/logout").forms[0].submit()
    assert client.get("/admin", expect_errors=True).status_code in (302, 303)


def test_wrong_password_is_refused(client, admin):
    client.reset()
    response = log_in(client, (admin[0], "wrong"))
    assert "Wrong user name or password" in response.text
    assert "session" not in client.cookies


def test_forged_login_is_refused(client, admin):
    # The right password, but no CSRF token: a login posted by another site.
    client.reset()
    login, password = admin
    response = client.post("/login", {"login": login, "password": password}, expect_errors=True)
    assert response.status_code == 403
    assert "session" not in client.cookies


def test_forged_logout_is_refused(client, admin):
    client.reset()
    log_in(client, admin)
    response = client.post("/logout", expect_errors=True)
    assert response.status_code == 403
    assert client.get("/admin").status_code == 200


def test_session_cookie_flags(client, admin):
    client.reset()
    response = log_in(client, admin)
    cookies = [c for c in response.headers.getall("Set-Cookie") if c.startswith("session=")]
    assert len(cookies) == 1
    flags = [part.strip().lower() for part in cookies[0].split(";")]
    assert "httponly" in flags
    assert "samesite=lax" in flags
    assert "secure" not in flags  # GROK_HTTPS is off in the tests


def test_cookies_are_secure_behind_https(application, admin, monkeypatch):
    monkeypatch.setenv("GROK_HTTPS", "1")
    # Browsers send a Secure cookie back over HTTPS only, and so does WebTest.
    client = webtest.TestApp(application, extra_environ={"wsgi.url_scheme": "https"})
    for cookie in log_in(client, admin).headers.getall("Set-Cookie"):
        assert "secure" in [part.strip().lower() for part in cookie.split(";")], cookie


def test_csrf_cookie_flags(client):
    client.reset()
    cookies = client.get("/notes").headers.getall("Set-Cookie")
    assert len(cookies) == 1
    flags = [part.strip().lower() for part in cookies[0].split(";")]
    assert "httponly" in flags
    assert "samesite=lax" in flags


def test_login_renews_the_session(client, admin):
    """Session fixation: a session id from before the login is never logged in."""
    from {{ cookiecutter.package_name }}.auth import SessionCookie

    # A valid, signed id, as an attacker could get one and plant it.
    planted = SessionCookie().generateUniqueId()
    client.reset()
    client.set_cookie("session", planted)
    log_in(client, admin)
    assert client.cookies["session"] != planted
    assert client.get("/admin").status_code == 200
    other = webtest.TestApp(client.app)
    other.set_cookie("session", planted)
    assert other.get("/admin", expect_errors=True).status_code in (302, 303)


# Issue 20: what a browser, or an attacker who controls one, can send.

EVIL = "evil.example"


@pytest.mark.parametrize("path", ["/", "/notes", "/login", "/admin", "/logout", "/health"])
def test_forged_host_is_refused(client, path):
    # Zope writes the Host into the URLs it makes: an unknown one is refused.
    response = client.get(path, headers={"Host": EVIL}, expect_errors=True)
    assert response.status_code == 400
    assert EVIL not in response.text


@pytest.mark.parametrize(
    "host", [EVIL, f"{EVIL}:80", f"127.0.0.1@{EVIL}", "127.0.0.1:x", "localhost/x"]
)
def test_forged_host_is_refused_on_post(client, host):
    form = client.get("/notes").forms[0]
    form["text"] = "from a forged host"
    response = form.submit(headers={"Host": host}, expect_errors=True)
    assert response.status_code == 400
    assert "from a forged host" not in client.get("/notes").text


@pytest.mark.parametrize("path", ["/", "/notes", "/login", "/admin"])
def test_forwarded_host_is_not_used(client, path):
    response = client.get(path, headers={"X-Forwarded-Host": EVIL}, expect_errors=True)
    assert EVIL not in response.text
    assert EVIL not in response.headers.get("Location", "")


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1", "127.0.0.1:8000", "[::1]:8000"])
def test_default_hosts_are_allowed(client, host):
    assert client.get("/", headers={"Host": host}).status_code == 200


def test_allowed_hosts_come_from_the_environment(monkeypatch):
    from {{ cookiecutter.package_name }}.middleware import SafetyFilter

    def hello(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"hello"]

    monkeypatch.setenv("GROK_ALLOWED_HOSTS", "example.org, www.example.org")
    client = webtest.TestApp(SafetyFilter(hello))
    for host in ("example.org", "WWW.Example.org:8080", "localhost"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host
    for host in (EVIL, "sub.example.org", "example.org.evil.example"):
        assert client.get("/", headers={"Host": host}, expect_errors=True).status_code == 400


@pytest.mark.parametrize(
    "camefrom",
    [
        "/\\evil.example",
        "//evil.example",
        "///evil.example",
        "https://evil.example/",
        "http:evil.example",
        "/\tevil.example",
        "/\nevil.example",
        "/x\x00y",
        "\\\\evil.example",
        "http://localhost//evil.example",
        "http://localhost/\\evil.example",
        "http://localhost/\tx",
        "http://localhost.evil.example/",
        "http://localhost@evil.example/",
        "javascript:alert(1)",
    ],
)
def test_login_never_redirects_off_the_site(client, admin, camefrom):
    client.reset()
    form = client.get("/login", {"camefrom": camefrom}).forms[0]
    form["login"], form["password"] = admin
    form["camefrom"] = camefrom  # as if the page had kept it
    response = form.submit()
    assert response.status_code == 303
    assert response.headers["Location"] == "http://localhost/admin"


@pytest.mark.parametrize("camefrom", ["/notes", "http://localhost/notes"])
def test_login_returns_to_a_page_of_the_site(client, admin, camefrom):
    client.reset()
    form = client.get("/login", {"camefrom": camefrom}).forms[0]
    form["login"], form["password"] = admin
    assert form.submit().headers["Location"] == "http://localhost/notes"


@pytest.mark.parametrize(
    "path",
    [
        "/++etc++site",
        "/++etc++site/default",
        "/++etc++process",
        "/++etc++process/x",
        "/notes/++etc++site",
        "/@@absolute_url",
        "/notes/@@absolute_url",
        "/static/@@absolute_url",
        "/@@/static/@@absolute_url",
        "/++view++absolute_url",
        "/@@widget_macros",
        "/notes/@@widget_macros",
        "/++resource++x",
        "/++view++x",
        "/++skin++x",
        "/++lang++en/",
        "/++vh++http:evil.example:80/++/",
        "/++vh++x/",
        "/++attribute++__class__",
        "/++attribute++x",
        "/++item++x",
        "/++item++notes",
        "/++adapter++x",
        "/++acquire++x",
        "/++annotations++x",
        "/++debug++x",
        "/++etc++",
        "/notes/@@login",
        "/notes/x/@@index",
        "/static/style.css/@@index",
        "/@@index/@@index",
        "/@@login/@@absolute_url",
        "/__parent__",
        "/notes/__class__",
    ],
)
def test_odd_urls_are_not_found(client, path):
    """The Toolkit's namespaces and helper views are no pages of this site: 404, never 500."""
    assert client.get(path, expect_errors=True).status_code == 404


def test_vh_namespace_cannot_change_the_links(client):
    response = client.get("/++vh++http:evil.example:80/++/notes", expect_errors=True)
    assert response.status_code == 404
    assert EVIL not in response.text


def test_get_with_the_token_adds_nothing(client):
    page = client.get("/notes")
    fields = {"__csrftoken__": page.forms[0]["__csrftoken__"].value, "text": "added by a GET"}
    assert client.get("/notes", fields).status_code == 200
    response = client.get("/notes", {**fields, "actions.add": "Add"}, expect_errors=True)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert "added by a GET" not in client.get("/notes").text


def test_get_with_the_token_logs_nobody_in(client, admin):
    client.reset()
    token = client.get("/login").forms[0]["__csrftoken__"].value
    login, password = admin
    query = {
        "__csrftoken__": token,
        "login": login,
        "password": password,
        "actions.login": "Log in",
    }
    assert client.get("/login", query, expect_errors=True).status_code == 405
    assert client.get("/admin", expect_errors=True).status_code in (302, 303)


@pytest.mark.parametrize(
    "text",
    [
        "\u200b",
        "\ufeff",
        "\u3164",
        "\u2060",
        "\u00a0",
        "\u180e",
        "\u115f\u1160\uffa0",
        "\u2800",
        "\u0301",
        " \u200b\t\u3164 \ufeff",
        "\u202e",
        "a\x7fb",
        "a\x85b",
    ],
)
def test_note_without_a_visible_character_is_refused(client, text):
    before = client.get("/notes").text
    form = client.get("/notes").forms[0]
    form["text"] = text
    response = form.submit(expect_errors=True)
    assert response.status_code == 400
    assert 'class="error"' in response.text
    assert client.get("/notes").text.count("<li>") == before.count("<li>")


def test_note_with_a_visible_character_is_kept(client):
    form = client.get("/notes").forms[0]
    form["text"] = "\u200bvisible\u00a0note"
    assert form.submit().status_code == 303


def test_csrf_token_is_plain_text(client):
    client.reset()
    page = client.get("/notes")
    token = page.forms[0]["__csrftoken__"].value
    assert re.fullmatch(r"[0-9a-f]{32}\.[0-9a-f]{64}", token), token
    assert client.cookies["__csrftoken__"] == token
    assert "b'" not in page.text


def test_token_of_another_client_is_refused(client, application):
    client.reset()
    token = client.get("/notes").forms[0]["__csrftoken__"].value
    other = webtest.TestApp(application)
    form = other.get("/notes").forms[0]
    form["text"], form["__csrftoken__"] = "someone else's token", token
    assert form.submit(expect_errors=True).status_code == 403
    bare = webtest.TestApp(application)
    data = {"text": "someone else's token", "__csrftoken__": token}
    assert bare.post("/notes", data, expect_errors=True).status_code == 403
    assert "someone else's token" not in client.get("/notes").text


@pytest.mark.parametrize("token", ["x", "0" * 64, "abc.def", "b'0123'"])
def test_made_up_token_is_refused(client, token):
    """A cookie an attacker planted, with the same value in the form: not the site's token."""
    client.reset()
    client.set_cookie("__csrftoken__", token)
    data = {"text": "planted token", "__csrftoken__": token}
    assert client.post("/notes", data, expect_errors=True).status_code == 403
    # The page replaces the planted cookie with a token of its own.
    assert client.get("/notes").forms[0]["__csrftoken__"].value != token


def test_token_that_is_not_ascii_is_refused(client):
    # "\303\251" in a quoted cookie is é in UTF-8: the publisher reads it.
    client.reset()
    headers = {"Cookie": '__csrftoken__="a.\\303\\251"'}
    assert client.get("/notes", headers=headers).status_code == 200
    data = {"text": "not ascii", "__csrftoken__": "a.\u00e9"}
    assert client.post("/notes", data, headers=headers, expect_errors=True).status_code == 403


@pytest.mark.parametrize("path", ["/", "/notes", "/health", "/login"])
@pytest.mark.parametrize("cookie", ['x="\\351"', '__csrftoken__="a.\\351"', 'session="\\377"'])
def test_cookie_that_is_not_utf8_is_400(client, path, cookie):
    response = client.get(path, headers={"Cookie": cookie}, expect_errors=True)
    assert response.status_code == 400


def test_token_from_before_login_is_refused(client, admin):
    client.reset()
    stale = client.get("/notes").forms[0]
    log_in(client, admin)
    stale["text"] = "stale token"
    assert stale.submit(expect_errors=True).status_code == 403
    form = client.get("/notes").forms[0]  # the page issues a token for the new session
    form["text"] = "fresh token"
    assert form.submit().status_code == 303


def test_logout_ends_the_session_on_the_server(client, admin, application):
    client.reset()
    log_in(client, admin)
    page = client.get("/admin")
    copied = dict(client.cookies)
    logout = next(form for form in page.forms.values() if form.action.endswith("/logout"))
    assert logout.method.lower() == "post"
    assert logout.submit().status_code == 303
    replay = webtest.TestApp(application)
    for name, value in copied.items():
        replay.set_cookie(name, value)
    assert replay.get("/admin", expect_errors=True).status_code in (302, 303, 401, 403)


def test_admin_user_name_is_set_by_create_admin(client, admin, application):
    from {{ cookiecutter.package_name }}.app import set_admin_password

    set_admin_password(application.database, "another-password", "boss")
    try:
        client.reset()
        assert log_in(client, ("boss", "another-password")).status_code == 303
        client.reset()
        assert "Wrong user name" in log_in(client, ("admin", "another-password")).text
    finally:
        set_admin_password(application.database, admin[1], admin[0])


def test_create_admin_runs_without_a_terminal(tmp_path):
    """As scaffold's checks run it: the user name as an argument, the password from the env."""
    env = {**os.environ, "GROK_SECRET_KEY": "x", "GROK_ADMIN_PASSWORD": "from-the-environment"}
{%- if cookiecutter.database == "zeo" %}
    import ZEO

    address, stop = ZEO.server(path=str(tmp_path / "Data.fs"))
    env["ZEO_ADDRESS"] = f"{address[0]}:{address[1]}"
{%- else %}
    env["ZODB_PATH"] = str(tmp_path / "Data.fs")
{%- endif %}
    command = [sys.executable, "-m", "{{ cookiecutter.package_name }}", "create-admin"]
    run = dict(cwd=PROJECT, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    done = subprocess.run([*command, "boss"], timeout=120, **run)
    spaced = subprocess.run([*command, "two words"], timeout=120, **run)
{%- if cookiecutter.database == "zeo" %}
    stop()
{%- endif %}
    assert done.returncode == 0, done.stderr
    assert "log in at /login as boss" in done.stdout
    assert spaced.returncode != 0


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "FOO"])
def test_unknown_methods_are_405(client, method):
    response = client.request("/notes", method=method, expect_errors=True)
    assert response.status_code == 405


@pytest.mark.parametrize("override", ["put", "delete", "PATCH"])
def test_method_override_is_a_plain_post(client, override):
    token = client.get("/notes").forms[0]["__csrftoken__"].value
    data = {"text": "with _method", "_method": override, "__csrftoken__": token}
    assert client.post("/notes", data).status_code == 303


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"text=x"),
        ("multipart/form-data; boundary=", b""),
        ("multipart/form-data; boundary=zz", b"--zz\r\nbroken"),
        ("multipart/form-data; boundary=zz", b"--zz\r\nContent-Disposition: form-data\r\n\r\nx"),
    ],
)
def test_broken_multipart_is_4xx(client, content_type, body):
    client.get("/notes")  # a CSRF cookie, as a browser would have
    headers = {"Content-Type": content_type}
    response = client.post("/notes", body, headers=headers, expect_errors=True)
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(("method", "path"), [("GET", "/no-such-page"), ("PUT", "/notes")])
def test_error_pages_name_no_software(client, method, path):
    response = client.request(path, method=method, expect_errors=True)
    assert response.status_code in (404, 405)
    text = response.text.lower()
    assert not any(word in text for word in ("zope", "grok", "waitress", "python"))
    assert "Server" not in response.headers and "X-Powered-By" not in response.headers


@pytest.mark.parametrize("path", ["/", "/notes", "/admin", "/logout"])
def test_admin_sees_every_page(client, admin, path):
    # The admin is in zope.Everybody too, whom site.zcml lets view the site.
    client.reset()
    log_in(client, admin)
    assert client.get(path).status_code == 200
