"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import py4web.core
import pytest
from webtest import TestApp

PROJECT = Path(__file__).resolve().parents[1]
# A browser on http://localhost sends this Origin with every POST from the site's pages.
LOCALHOST = {"HTTP_HOST": "localhost"}
SAME_SITE = {"headers": {"Origin": "http://localhost"}, "extra_environ": LOCALHOST}
CROSS_SITE = {"headers": {"Origin": "https://evil.example"}, "extra_environ": LOCALHOST}


def test_debug_is_off_by_default(application):
    assert py4web.core.DEBUG is False


# Notes: py4web's Form, with its signed _formkey against forged posts.


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


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_note_is_not_saved(client, text):
    form = client.get("/notes").forms[0]
    form["text"] = text
    response = form.submit()
    # The form comes back with the validator's message instead of a redirect.
    assert response.status_int == 200
    assert "Enter a value" in response.text


def test_form_states_the_length_limit(client):
    response = client.get("/notes")
    assert 'maxlength="500"' in response.text
    assert "At most 500 characters" in response.text


def test_note_of_500_characters_is_kept(client):
    form = client.get("/notes").forms[0]
    form["text"] = "é" * 500
    assert form.submit().status_int == 303


def test_note_over_500_characters_is_refused(client):
    form = client.get("/notes").forms[0]
    form["text"] = "x" * 501
    response = form.submit()
    assert response.status_int == 200
    assert "Enter from 0 to 500 characters" in response.text


def test_note_with_nul_is_refused(client):
    form = client.get("/notes").forms[0]
    form["text"] = "a\x00b"
    response = form.submit()
    assert response.status_int == 200
    assert "Remove the control characters" in response.text


@pytest.mark.parametrize(
    "text",
    [
        "\u200b",  # zero width space
        "\ufeff",  # byte order mark
        "\u3164",  # Hangul filler, a "letter" that draws nothing
        "\u2060",  # word joiner
        "\u00a0",  # no-break space
        "\u180e",  # Mongolian vowel separator
        "\u2800",  # blank Braille pattern
        "\u0301",  # a combining accent, with nothing to sit on
        "\U000e0041",  # a tag character
        " \u200b\t\n\ufeff \u3164\u00a0",
    ],
)
def test_note_without_a_visible_character_is_refused(client, text):
    page = client.get("/notes")
    form = page.forms[0]
    form["text"] = text
    response = form.submit()
    # The form comes back with a message; the list of notes is as it was.
    assert response.status_int == 200
    assert "Enter a value" in response.text or "visible character" in response.text
    assert client.get("/notes").text.count("<li>") == page.text.count("<li>")


@pytest.mark.parametrize("text", ["\u200bx", "\u3164\u3131", "\u2603", "\u00a0.\u00a0"])
def test_note_with_a_visible_character_is_kept(client, text):
    form = client.get("/notes").forms[0]
    form["text"] = text
    assert form.submit().status_int == 303


def test_get_with_the_form_fields_adds_nothing(client):
    form = client.get("/notes").forms[0]
    fields = dict(form.submit_fields())
    fields["text"] = "sent by GET"
    assert client.get("/notes", fields).status_int == 200
    assert "sent by GET" not in client.get("/notes").text


def test_form_key_of_another_session_is_refused(application, client):
    form = client.get("/notes").forms[0]
    fields = dict(form.submit_fields())
    fields["text"] = "posted by someone else"
    other = TestApp(application)
    other.get("/notes")  # a session of its own
    other.post("/notes", fields, status=403)
    TestApp(application).post("/notes", fields, status=403)  # no session at all
    assert "posted by someone else" not in client.get("/notes").text


@pytest.mark.parametrize("method", ["put", "delete", "PATCH"])
def test_method_override_is_a_plain_post(client, method):
    form = client.get("/notes").forms[0]
    fields = dict(form.submit_fields())
    fields.update(text=f"override {method}", _method=method)
    response = client.post("/notes", fields, headers={"X-HTTP-Method-Override": method})
    assert response.status_int == 303
    assert f"override {method}" in response.follow().text


# Browsers write the boundary unquoted (py4web's parser does not read a quoted one).
@pytest.mark.parametrize("boundary", ["zz", "----WebKitFormBoundaryx7Qp2vLm9Rt4", "b" * 70])
def test_well_formed_multipart_note_is_kept(client, boundary):
    fields = dict(client.get("/notes").forms[0].submit_fields())
    fields["text"] = f"sent as multipart, boundary {boundary[:8]}"
    delimiter = b"--" + boundary.encode()
    header = 'Content-Disposition: form-data; name="{}"'
    parts = [
        delimiter + f"\r\n{header.format(name)}\r\n\r\n{value}\r\n".encode()
        for name, value in fields.items()
    ]
    response = client.request(
        "/notes",
        method="POST",
        body=b"".join(parts) + delimiter + b"--\r\n",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        expect_errors=True,
    )
    assert response.status_int == 303


def test_repeated_and_unexpected_fields_are_harmless(client):
    form = client.get("/notes").forms[0]
    fields = dict(form.submit_fields())
    fields["text"] = ["first", "last of two"]
    fields["unexpected"] = "x"
    response = client.post("/notes", fields)
    assert response.status_int == 303
    assert "<li>last of two</li>" in response.follow().text


MULTIPART = "multipart/form-data; boundary=zz"
PART = b'Content-Disposition: form-data; name="text"\r\n\r\n'


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/x-www-form-urlencoded", b"text=%ff%fe&_formname=note"),
        ("application/x-www-form-urlencoded", b"\xff\x00\xfe"),
        (MULTIPART, b"text=no-boundary"),
        ("multipart/form-data", b"text=no-boundary-named"),
        (MULTIPART, b'--zz\r\nContent-Disposition: form-data; name="text"'),  # cut short
        (MULTIPART, b"--zz\r\n\r\ncut short"),
        (MULTIPART, b"--zz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--zz--"),  # no name
        (MULTIPART, b'--zz\r\nContent-Disposition: form-data; name="text"\r\n\r\n\xff\r\n--zz--'),
        (MULTIPART, b"--zz\r\n\r\nx\r\n--zz--\r\n"),  # a part without headers
        (MULTIPART, b"--zz--\r\n"),  # no part
        (MULTIPART, b"garbage"),
        ("multipart/form-data; boundary=", b"--\r\n" + PART + b"x\r\n----\r\n"),
        ('multipart/form-data; boundary="', b"--\r\n"),
        (  # a boundary longer than RFC 2046's 70 characters, in a body otherwise whole
            "multipart/form-data; boundary=" + "b" * 71,
            b"--" + b"b" * 71 + b"\r\n" + PART + b"x\r\n--" + b"b" * 71 + b"--\r\n",
        ),
        ("application/json", b"{not json"),
        ("application/json", b"[1, 2]"),
    ],
)
def test_malformed_post_is_not_5xx(client, content_type, body):
    # The body exactly as given (client.post would re-encode a multipart one).
    response = client.request(
        "/notes",
        method="POST",
        body=body,
        headers={"Content-Type": content_type},
        expect_errors=True,
    )
    assert 400 <= response.status_int < 500


def test_large_body_is_refused(client):
    response = client.post("/notes", {"text": "x" * (2 * 1024 * 1024)}, expect_errors=True)
    assert response.status_int == 413


def test_path_that_is_not_utf8_is_400(client):
    client.get("/%ff", status=400)
    assert client.head("/%ff", status=400).body == b""


@pytest.mark.parametrize("method, status", [("GET", 404), ("PUT", 405)])
def test_error_pages_meet_the_content_security_policy(client, method, status):
    path = "/no-such-page" if status == 404 else "/notes"
    page = client.request(path, method=method, status=status).text.lower()
    assert "<style" not in page and "style=" not in page and "<script" not in page
    assert "/static/style.css" in page


def test_forged_post_is_refused(client):
    # No _formkey and no session cookie: what a cross-site request would send.
    response = client.post("/notes", {"text": "forged"}, status=403, **CROSS_SITE)
    assert "forged" not in client.get("/notes").text
    assert response.status_int == 403


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_notes_wrong_method_is_405_with_allow(client, method):
    response = client.request("/notes", method=method, status=405)
    assert set(response.headers["Allow"].split(",")) == {"GET", "POST"}


# Login and logout: py4web's Auth pages, behind the Origin check of common.py.

# A test account's password, made up for the tests (Auth refuses weak ones).
PASSWORD = "Xk8#pQ2!mZr7$wL4"


@pytest.fixture(scope="session")
def user(application):
    """An account, registered through Auth as its /auth/register page does."""
    common = sys.modules["apps._default.common"]
    common.auth.register(
        {
            "username": "ada",
            "email": "ada@example.com",
            "password": PASSWORD,
            "first_name": "Ada",
            "last_name": "Lovelace",
        },
        send=False,
    )
    common.db.commit()
    return {"email": "ada@example.com", "password": PASSWORD}


def _login(client, user, **request):
    form = client.get("/auth/login").forms[0]
    form["email"] = user["email"]
    form["password"] = user["password"]
    return form.submit(**request)


def test_login_page(client):
    response = client.get("/auth/login")
    assert response.status_int == 200
    assert 'name="password"' in response.text


def _session_id(client):
    """The id inside the session cookie, which py4web signs and encrypts."""
    from py4web.utils.misc import secure_loads

    secret = sys.modules["apps._default.settings"].SESSION_SECRET_KEY
    return secure_loads(client.cookies["_default_session"].strip('"'), secret.encode())["uuid"]


def test_login_starts_a_new_session(client, user):
    client.get("/notes")
    before = _session_id(client)
    response = _login(client, user, **SAME_SITE)
    assert response.status_int == 303
    assert _session_id(client) != before
    assert "Log out" in client.get("/").text


def test_login_with_repeated_fields_is_not_5xx(client, user):
    form = client.get("/auth/login").forms[0]
    fields = dict(form.submit_fields())
    fields.update(email=[user["email"], "x@example.com"], password=["a", user["password"]])
    response = client.post("/auth/login", fields, expect_errors=True, **SAME_SITE)
    assert response.status_int < 500


def test_login_from_another_site_is_refused(client, user):
    response = _login(client, user, status=403, **CROSS_SITE)
    assert response.status_int == 403
    assert "Log out" not in client.get("/").text


def test_login_cookie_is_set_once_with_safe_flags(client, user):
    response = _login(client, user, **SAME_SITE)
    cookies = [v for k, v in response.headerlist if k.lower() == "set-cookie"]
    sessions = [c for c in cookies if c.startswith("_default_session=")]
    assert len(sessions) == 1
    for cookie in cookies:
        flags = cookie.lower()
        assert "httponly" in flags
        assert "samesite" in flags
        assert "secure" not in flags  # plain http here: see the next test


def test_login_cookie_is_secure_behind_https(application, user):
    from py4web.core import bottle

    from {{ cookiecutter.package_name }}.security import secure_headers

    # What create_app() builds with PY4WEB_HTTPS=1.
    client = TestApp(secure_headers(bottle.default_app(), https=True))
    response = _login(client, user, **SAME_SITE)
    cookies = [v for k, v in response.headerlist if k.lower() == "set-cookie"]
    assert cookies
    assert all("secure" in cookie.lower() for cookie in cookies)


def test_logout_is_a_post_from_this_site(client, user):
    _login(client, user, **SAME_SITE)
    client.get("/auth/logout", status=405)
    client.post("/auth/logout", status=403, **CROSS_SITE)
    assert "Log out" in client.get("/").text
    assert client.post("/auth/logout", **SAME_SITE).status_int == 303
    assert "Log out" not in client.get("/").text


# Where the browser goes after logging in: ?next=, but only to a path of this site.
HOSTILE_TARGETS = [
    "//evil.example",
    "//evil.example/",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "http:/evil.example",
    "https:\\\\evil.example",
    "/\tevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\x00/evil.example",
    "/\u3000/evil.example",
    "/\uff0fevil.example",  # a fullwidth solidus
    "javascript:alert(1)",
    "data:text/html,x",
    "evil.example",
]


def _login_to(client, user, target):
    page = client.get("/auth/login", {"next": target})
    form = page.forms[0]
    form["email"] = user["email"]
    form["password"] = user["password"]
    return form.submit(**SAME_SITE)


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_login_never_redirects_off_the_site(client, user, target):
    response = _login_to(client, user, target)
    assert response.status_int == 303
    assert response.headers["Location"] == "/index"
    assert "Log out" in client.get("/").text


def test_login_follows_a_next_path_of_this_site(client, user):
    response = _login_to(client, user, "/notes?page=2")
    assert response.headers["Location"] == "/notes?page=2"


# "/%5Cevil.example" is a path of this site: a percent-encoded backslash stays one.
@pytest.mark.parametrize("target", HOSTILE_TARGETS + ["/%5Cevil.example"])
def test_no_redirect_leaves_the_site(target):
    """Whatever Location a page sets, the browser is sent to a path of this site."""
    from {{ cookiecutter.package_name }}.security import secure_headers

    def redirecting(environ, start_response):
        start_response("303 See Other", [("Location", target)])
        return [b""]

    response = TestApp(secure_headers(redirecting)).get("/auth/login", status=303)
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//")
    assert "\\" not in location and location.isprintable() and " " not in location


@pytest.mark.parametrize(
    "target, kept",
    [
        ("/notes", "/notes"),
        ("register", "/auth/register"),  # Auth's relative redirects
        ("http://localhost/notes", "http://localhost/notes"),  # this site's own host
        ("http://localhost@evil.example/", "/"),
        ("http://evil.example/", "/"),
    ],
)
def test_redirects_on_the_site_are_kept(target, kept):
    from {{ cookiecutter.package_name }}.security import secure_headers

    def redirecting(environ, start_response):
        start_response("303 See Other", [("Location", target)])
        return [b""]

    client = TestApp(secure_headers(redirecting), extra_environ=LOCALHOST)
    response = client.get("/auth/login", status=303)
    assert response.headers["Location"] == kept


def _logged_in(client):
    """Whether the client's session opens the profile page, which needs a login."""
    response = client.get("/auth/profile", headers={"Accept": "text/html"})
    return response.status_int == 200


def _copy(application, client):
    """A second client holding a copy of ``client``'s cookies."""
    copy = TestApp(application)
    for name, value in client.cookies.items():
        copy.set_cookie(name, value.strip('"'))
    return copy


def test_logout_ends_the_session_on_the_server(application, client, user):
    _login(client, user, **SAME_SITE)
    assert _logged_in(client)
    assert _logged_in(_copy(application, client))  # a copy works as well as the original
    replay = _copy(application, client)
    assert client.post("/auth/logout", **SAME_SITE).status_int == 303
    # The cookie copied before the logout, sent again by anyone who kept it.
    response = replay.get("/auth/profile", headers={"Accept": "text/html"})
    assert response.status_int == 303
    assert response.headers["Location"].startswith("/auth/login")
    assert "Log out" not in replay.get("/").text
    # Logging in again opens a new session, which works.
    _login(client, user, **SAME_SITE)
    assert _logged_in(client)


def test_logout_ends_the_session_of_an_account_older_than_its_count(application, client, user):
    # An account made before auth_user.logout_count existed has NULL there.
    common = sys.modules["apps._default.common"]
    common.db(common.db.auth_user.email == user["email"]).update(logout_count=None)
    common.db.commit()
    _login(client, user, **SAME_SITE)
    replay = _copy(application, client)
    client.post("/auth/logout", **SAME_SITE)
    assert not _logged_in(replay)


def test_logout_ends_the_account_s_other_sessions_too(application, user):
    laptop, phone = TestApp(application), TestApp(application)
    for browser in (laptop, phone):
        _login(browser, user, **SAME_SITE)
        assert _logged_in(browser)
    laptop.post("/auth/logout", **SAME_SITE)
    assert not _logged_in(phone)


def test_auth_json_api_is_not_exposed(client):
    # Auth's JSON API takes logins with no CSRF check; the starter leaves it out.
    client.post("/auth/api/login", {"email": "a", "password": "b"}, status=404, **SAME_SITE)


# The Host header: only the site's own names (ALLOWED_HOSTS) are served.

FORGED_HOSTS = [
    "evil.example",
    "evil.example:80",
    "localhost.evil.example",
    "127.0.0.1.evil.example",
    "localhost@evil.example",
    "localhost:80@evil.example",
    "",
    "local host",
]


@pytest.mark.parametrize("host", FORGED_HOSTS)
@pytest.mark.parametrize("path", ["/", "/notes", "/auth/login", "/auth/register", "/auth/profile"])
def test_a_forged_host_is_refused(client, host, path):
    response = client.get(path, extra_environ={"HTTP_HOST": host}, status=400)
    assert "evil" not in response.text


def test_a_forged_host_cannot_post(client):
    form = client.get("/notes").forms[0]
    form["text"] = "through a forged host"
    form.submit(extra_environ={"HTTP_HOST": "evil.example"}, status=400)
    assert "through a forged host" not in client.get("/notes").text


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "LOCALHOST."])
def test_the_default_hosts_are_served(client, host):
    assert client.get("/auth/login", extra_environ={"HTTP_HOST": host}).status_int == 200


@pytest.mark.parametrize(
    "header", ["HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PROTO", "HTTP_X_PY4WEB_APPNAME"]
)
@pytest.mark.parametrize("path", ["/", "/notes", "/auth/login", "/auth/register"])
def test_forwarded_headers_do_not_reach_the_pages(client, header, path):
    response = client.get(path, extra_environ={header: "evil.example"})
    assert "evil.example" not in response.text
    assert "evil.example" not in response.headers.get("Location", "")


def test_allowed_hosts_come_from_the_environment(tmp_path):
    check = (
        "from webtest import TestApp; import wsgi; client = TestApp(wsgi.application); "
        "client.get('/health', extra_environ={'HTTP_HOST': 'example.com'}, status=200); "
        "client.get('/health', extra_environ={'HTTP_HOST': 'www.example.com'}, status=200); "
        "client.get('/health', extra_environ={'HTTP_HOST': 'localhost'}, status=400)"
    )
    completed = _run(["-c", check], tmp_path, ALLOWED_HOSTS="example.com, www.example.com")
    assert completed.returncode == 0, completed.stderr


# The production entry point and the migrate command, each in a fresh process.


def _run(args, tmp_path, **environment):
    env = {
        **os.environ,
        "SECRET_KEY": "test-secret-key-" + "x7Qp2vLm9Rt4Wz8K" * 2,
        "DATABASE_URL": "sqlite://fresh.db",
        "DATABASE_FOLDER": str(tmp_path),
        **environment,
    }
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True
    )


def _tables(tmp_path):
    with sqlite3.connect(tmp_path / "fresh.db") as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


def test_wsgi_refuses_to_start_without_a_secret_key(tmp_path):
    # An empty SECRET_KEY in the environment wins over .env, as a fresh clone has none.
    completed = _run(["-c", "import wsgi"], tmp_path, SECRET_KEY="")
    assert completed.returncode != 0
    assert completed.stderr.strip().splitlines()[-1] == (
        "RuntimeError: SECRET_KEY is not set: copy .env.example to .env and fill it in, "
        "or set it in the environment."
    )


def test_wsgi_refuses_a_weak_secret_key(tmp_path):
    completed = _run(["-c", "import wsgi"], tmp_path, SECRET_KEY="secret")
    assert completed.returncode != 0
    assert "SECRET_KEY is too easy to guess" in completed.stderr.strip().splitlines()[-1]


def test_importing_wsgi_never_changes_the_schema(tmp_path):
    completed = _run(["-c", "import wsgi"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    # It says what to do instead, on standard error.
    assert "run `python -m {{ cookiecutter.package_name }} migrate` first" in completed.stderr
    assert not (tmp_path / "fresh.db").exists() or not _tables(tmp_path)


def test_importing_wsgi_prints_nothing(tmp_path):
    assert _run(["-m", "{{ cookiecutter.package_name }}", "migrate"], tmp_path).returncode == 0
    completed = _run(["-c", "import wsgi"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    # A server's standard output may be a log or a protocol: py4web's report stays out.
    assert completed.stdout == ""
    assert "migrate" not in completed.stderr


def test_migrate_creates_the_schema_and_is_idempotent(tmp_path):
    for _ in range(2):
        completed = _run(["-m", "{{ cookiecutter.package_name }}", "migrate"], tmp_path)
        assert completed.returncode == 0, completed.stderr
    assert {"note", "auth_user"} <= _tables(tmp_path)


def test_create_user_takes_its_password_from_the_environment(tmp_path):
    assert _run(["-m", "{{ cookiecutter.package_name }}", "migrate"], tmp_path).returncode == 0
    command = ["-m", "{{ cookiecutter.package_name }}", "create-user", "grace"]
    completed = _run(command, tmp_path, ACCOUNT_PASSWORD=PASSWORD)
    assert completed.returncode == 0, completed.stderr
    with sqlite3.connect(tmp_path / "fresh.db") as connection:
        (stored,) = connection.execute(
            "SELECT password FROM auth_user WHERE username = 'grace'"
        ).fetchone()
    assert stored and PASSWORD not in stored  # only its hash
    # The same name again is refused, in one sentence.
    again = _run(command, tmp_path, ACCOUNT_PASSWORD=PASSWORD)
    assert again.returncode != 0
    assert "Traceback" not in again.stderr and "username" in again.stderr


def test_create_user_never_waits_for_a_password(tmp_path):
    assert _run(["-m", "{{ cookiecutter.package_name }}", "migrate"], tmp_path).returncode == 0
    command = ["-m", "{{ cookiecutter.package_name }}", "create-user", "grace"]
    environment = {k: v for k, v in os.environ.items() if k != "ACCOUNT_PASSWORD"}
    completed = subprocess.run(
        [sys.executable, *command],
        cwd=PROJECT,
        env={
            **environment,
            "SECRET_KEY": "test-secret-key-" + "x7Qp2vLm9Rt4Wz8K" * 2,
            "DATABASE_URL": "sqlite://fresh.db",
            "DATABASE_FOLDER": str(tmp_path),
        },
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode != 0
    assert "Set ACCOUNT_PASSWORD" in completed.stderr
    weak = _run(command, tmp_path, ACCOUNT_PASSWORD="secret")
    assert weak.returncode != 0 and "Traceback" not in weak.stderr


def test_created_user_can_log_in(application, client):
    # The command, run against the tests' database (its settings are in os.environ).
    completed = subprocess.run(
        [sys.executable, "-m", "{{ cookiecutter.package_name }}", "create-user", "hopper"],
        cwd=PROJECT,
        env={**os.environ, "ACCOUNT_PASSWORD": PASSWORD},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    # The login form's first field takes a username as well as an email address.
    _login(client, {"email": "hopper", "password": PASSWORD}, **SAME_SITE)
    assert _logged_in(client)
