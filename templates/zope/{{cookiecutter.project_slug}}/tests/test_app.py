"""Tests particular to this starter; the routes every starter shares are in test_contract.py."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import transaction

from {{ cookiecutter.package_name }}.notes import MAX_LENGTH

PROJECT = Path(__file__).resolve().parent.parent

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_debug_is_off_by_default(wsgi_app):
    from App.config import getConfiguration

    assert getConfiguration().debug_mode is False


def test_wsgi_refuses_to_start_without_secret():
    env = {**os.environ, "ZOPE_SECRET_KEY": ""}
    completed = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert completed.returncode != 0
    assert completed.stderr.strip().splitlines() == [
        "ZOPE_SECRET_KEY is not set: copy .env.example to .env and fill it in, "
        "or set it in the environment."
    ]


def test_importing_wsgi_never_changes_the_database(tmp_path):
    data_fs = tmp_path / "Data.fs"
{%- if cookiecutter.database == "zeo" %}
    import ZEO
    from ZODB.FileStorage import FileStorage

    address, stop = ZEO.server(path=str(data_fs))
    env = {**os.environ, "ZOPE_SECRET_KEY": "x", "ZEO_ADDRESS": f"{address[0]}:{address[1]}"}
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
    env = {**os.environ, "ZOPE_SECRET_KEY": "x", "ZODB_PATH": str(data_fs)}
    completed = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert not data_fs.exists()
{%- endif %}
    # It starts, answers 503, and says what to do on standard error.
    assert completed.returncode == 0, completed.stderr
    assert "run `python -m {{ cookiecutter.package_name }} migrate` first" in completed.stderr


def test_migrate_is_idempotent(wsgi_app):
    import Zope2

    from {{ cookiecutter.package_name }}.startup import set_up_site

    app = Zope2.app()
    board = app._notes
    app._p_jar.close()
    set_up_site()
    app = Zope2.app()
    assert app._notes._p_oid == board._p_oid
    app._p_jar.close()


def test_notes_list(client):
    response = client.get("/notes")
    assert response.status_int == 200
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
    assert response.status_int == 303
    assert response.location.endswith("/notes")
    page = response.follow()
    assert "Buy &lt;milk&gt;" in page.text
    assert "Buy <milk>" not in page.text


def test_forged_post_is_refused(client):
    # No CSRF cookie and no token: what a page on another site could send.
    client.reset()
    response = client.post("/notes", {"text": "forged"}, expect_errors=True)
    assert response.status_int == 403
    assert "forged" not in client.get("/notes").text


def test_forged_token_is_refused(client):
    client.reset()
    client.set_cookie("csrftoken", "made-up.token")
    response = client.post(
        "/notes", {"text": "forged", "csrf_token": "made-up.token"}, expect_errors=True
    )
    assert response.status_int == 403


def test_token_is_bound_to_the_browser(client, wsgi_app):
    """A token from one browser's form, posted with another browser's cookie (or none), fails."""
    import webtest

    first = client.get("/notes").forms[0]["csrf_token"].value
    other = webtest.TestApp(wsgi_app)
    other.get("/notes")  # the other browser has a cookie of its own
    for browser in (other, webtest.TestApp(wsgi_app)):
        response = browser.post(
            "/notes", {"text": "not mine", "csrf_token": first}, expect_errors=True
        )
        assert response.status_int == 403
    # The token is not the cookie's value: a cookie alone does not make a token.
    (cookie,) = client.cookies.values()
    assert cookie != first
    response = other.post("/notes", {"text": "cookie", "csrf_token": cookie}, expect_errors=True)
    assert response.status_int == 403
    assert "not mine" not in client.get("/notes").text


def test_csrf_cookie_flags(client):
    client.reset()
    response = client.get("/notes")
    cookies = response.headers.getall("Set-Cookie")
    assert len(cookies) == 1
    flags = [part.strip().lower() for part in cookies[0].split(";")]
    assert "httponly" in flags
    assert "samesite=lax" in flags
    assert "secure" not in flags  # ZOPE_HTTPS is off in the tests
    # Set once: the next page keeps the visitor's token.
    assert not client.get("/notes").headers.getall("Set-Cookie")


def test_cookies_are_secure_behind_https(client, monkeypatch):
    monkeypatch.setenv("ZOPE_HTTPS", "1")
    client.reset()
    (cookie,) = client.get("/notes").headers.getall("Set-Cookie")
    assert "secure" in [part.strip().lower() for part in cookie.split(";")]
    # __Host-: browsers keep it only as this site set it (no other subdomain's).
    assert cookie.startswith("__Host-csrftoken=")


@pytest.mark.parametrize("text", ["", "   ", "a\x00b"])
def test_blank_note_is_refused(client, text):
    form = client.get("/notes").forms[0]
    form["text"] = text
    response = form.submit(expect_errors=True)
    assert response.status_int == 400
    assert "cannot be blank" in response.text


@pytest.mark.parametrize(
    "text",
    [
        "\u200b",
        "\ufeff\ufeff",
        "\u3164",
        "\u2060 \u2060",
        "\u00a0\t\u00a0",
        "\u180e\n\u200b",
        "\u115f\u1160\uffa0",
        "\u2800",
        "\u200d\u200c\u200e\u200f\u202e",
        "\ufe0f\u034f\u0301",
        "\U000e0041\U000e007f",
        "\u3000\u2028\u2029",
    ],
)
def test_invisible_note_is_refused(client, text):
    """A note of only invisible characters (zero-width, fillers, format) is blank."""
    form = client.get("/notes").forms[0]
    form["text"] = text
    response = form.submit(expect_errors=True)
    assert response.status_int == 400
    assert "cannot be blank" in response.text


@pytest.mark.parametrize("text", ["\u200bx", "é", "\u0915\u094d", "日本", "🙂\ufe0f"])
def test_note_with_a_visible_character_is_accepted(client, text):
    form = client.get("/notes").forms[0]
    form["text"] = text
    assert form.submit().status_int == 303


def test_long_note_is_refused(client):
    form = client.get("/notes").forms[0]
    form["text"] = "x" * (MAX_LENGTH + 1)
    response = form.submit(expect_errors=True)
    assert response.status_int == 400
    assert f"at most {MAX_LENGTH} characters" in response.text


def test_large_body_is_refused(client):
    body = b"text=" + b"x" * (1024 * 1024 + 1)
    response = client.post("/notes", body, headers=FORM, expect_errors=True)
    assert response.status_int == 413


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
    assert response.status_int == 405
    assert response.headers["Allow"] == allow


@pytest.mark.parametrize("path", ["/", "/health", "/static/style.css", "/notes"])
def test_head_has_no_body(client, path):
    response = client.head(path)
    assert response.status_int == 200
    assert response.body == b""


@pytest.mark.parametrize(
    "query", ["name=%ff%fe", "name=a%00b", "name=a&name=b", "name:int=x", "name:record=x"]
)
def test_malformed_query_is_not_5xx(client, query):
    response = client.get(f"/?{query}", expect_errors=True)
    assert response.status_int < 500


@pytest.mark.parametrize("path", ["/%ff", "/static/%ff", "/%c0%af"])
def test_path_that_is_not_utf8_is_400(client, path):
    assert client.get(path, expect_errors=True).status_int == 400


@pytest.mark.parametrize("body", [b"text=%ff%fe", b"text=a&text=b", b"text:int=x", b"\xff\x00"])
def test_malformed_post_is_not_5xx(client, body):
    response = client.post("/notes", body, headers=FORM, expect_errors=True)
    assert 400 <= response.status_int < 500


MULTIPART = b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nx\r\n--b--\r\n'


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", MULTIPART),
        ("multipart/form-data", b""),
        ("multipart/form-data; boundary=", MULTIPART),
        ('multipart/form-data; boundary=""', MULTIPART),
        ("multipart/form-data; boundary=b", b"no boundary here"),
        ("multipart/form-data; boundary=b", b"--b\r\nno headers\r\n--b--\r\n"),
        ("multipart/form-data; boundary=b", MULTIPART[:-8]),
        ("multipart/form-data; boundary=b; charset=no-such-codec", MULTIPART),
        ("multipart/form-data; boundary=other", MULTIPART),
        ("application/x-www-form-urlencoded; charset=no-such-codec", b"text=x"),
        ("MULTIPART/FORM-DATA", MULTIPART),
    ],
)
@pytest.mark.parametrize("path", ["/notes", "/manage_main", "/acl_users/manage_users"])
def test_malformed_form_body_is_4xx(client, path, content_type, body):
    """Zope parses form bodies before any view runs: a broken one is a 400, not a 500."""
    headers = {"Content-Type": content_type}
    response = client.post(path, body, headers=headers, expect_errors=True)
    assert 400 <= response.status_int < 500


def test_well_formed_multipart_post_still_works(client):
    token = client.get("/notes").forms[0]["csrf_token"].value
    response = client.post(
        "/notes",
        {"text": "from a multipart form", "csrf_token": token},
        content_type="multipart/form-data",
    )
    assert response.status_int == 303
    assert "from a multipart form" in client.get("/notes").text


# Forged Host: Zope builds absolute URLs from it (<base href>, links, redirects).
@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost:x", "[::1"]
)
@pytest.mark.parametrize("path", ["/", "/notes", "/manage_main", "/no-such-page", "/health"])
def test_forged_host_is_refused(client, path, host):
    response = client.get(path, headers={"Host": host}, expect_errors=True)
    assert response.status_int == 400
    assert b"evil" not in response.body


def test_forged_host_post_is_refused(client):
    form = client.get("/notes").forms[0]
    form["text"] = "through a forged host"
    response = form.submit(headers={"Host": "evil.example"}, expect_errors=True)
    assert response.status_int == 400
    assert "through a forged host" not in client.get("/notes").text


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8000", "LOCALHOST:80"])
def test_allowed_hosts_by_default(client, host):
    response = client.get("/", headers={"Host": host})
    assert response.status_int == 200


def test_allowed_hosts_from_the_environment(monkeypatch):
    """ZOPE_ALLOWED_HOSTS names the site's public host names (comma-separated)."""
    import webtest

    from {{ cookiecutter.package_name }}.middleware import SafetyFilter

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [environ["HTTP_HOST"].encode()]

    monkeypatch.setenv("ZOPE_ALLOWED_HOSTS", "example.org, www.example.org")
    site = webtest.TestApp(SafetyFilter(app))
    assert site.get("/health", headers={"Host": "www.example.org:443"}).status_int == 200
    for host in ("localhost", "evil.example", "example.org.evil.example"):
        assert site.get("/health", headers={"Host": host}, status=400).status_int == 400


@pytest.mark.parametrize(
    "path",
    [
        "/VirtualHostBase/http/evil.example:80/notes",
        "/VirtualHostBase/https/evil.example:443/VirtualHostRoot/",
        "/VirtualHostBase/javascript/localhost:80/",
        "/VirtualHostBase/http/",
        "/VirtualHostBase",
    ],
)
def test_virtual_host_path_with_a_forged_host_is_refused(client, path):
    """Zope's virtual hosting takes the host from the path: it must be allowed too."""
    response = client.get(path, expect_errors=True)
    assert response.status_int == 400
    assert b"evil" not in response.body


def test_virtual_host_path_with_an_allowed_host_works(client):
    response = client.get("/VirtualHostBase/https/localhost:443/VirtualHostRoot/notes")
    assert response.status_int == 200
    assert 'action="https://localhost/notes"' in response.text


def test_forwarded_host_is_not_used(client):
    response = client.get("/notes", headers={"X-Forwarded-Host": "evil.example"})
    assert "evil.example" not in response.text


def test_concurrent_notes_do_not_conflict(wsgi_app):
    """Two transactions that add a note at once both commit (BTree conflict resolution)."""
    import Zope2

    first, second = transaction.TransactionManager(), transaction.TransactionManager()
    app1 = Zope2.DB.open(transaction_manager=first).root()["Application"]
    app2 = Zope2.DB.open(transaction_manager=second).root()["Application"]
    before = len(app1._notes)
    app1._notes.add("one")
    app2._notes.add("two")
    first.commit()
    second.commit()
    app1._p_jar.close()
    app2._p_jar.close()
    app = Zope2.app()
    assert len(app._notes) == before + 2
    app._p_jar.close()


def test_zope_ini_serves_the_same_application(tmp_path):
    """Zope's `runwsgi etc/zope.ini` loads the application wsgi.py exposes."""
    code = (
        "from paste.deploy import loadapp; "
        "print(type(loadapp('config:' + __import__('os').path.abspath('etc/zope.ini'))).__name__)"
    )
    env = {**os.environ, "ZOPE_SECRET_KEY": "x"}
{%- if cookiecutter.database == "filestorage" %}
    env["ZODB_PATH"] = str(tmp_path / "Data.fs")
{%- else %}
    import ZEO

    address, stop = ZEO.server(path=str(tmp_path / "Data.fs"))
    env["ZEO_ADDRESS"] = f"{address[0]}:{address[1]}"
{%- endif %}
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
{%- if cookiecutter.database == "zeo" %}
    stop()
{%- endif %}
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "SafetyFilter"
{%- if cookiecutter.database == "filestorage" %}


def test_addzopeuser_works_without_environment_variables(tmp_path):
    """Zope's own `addzopeuser -c etc/zope.conf`, run in an instance, with no settings exported."""
    import shutil

    shutil.copytree(PROJECT / "etc", tmp_path / "etc")
    (tmp_path / "var").mkdir()
    addzopeuser = Path(sys.executable).with_name("addzopeuser")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    completed = subprocess.run(
        [str(addzopeuser), "-c", "etc/zope.conf", "admin", "a-long-password"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    assert "User admin created." in completed.stdout
    assert (tmp_path / "var" / "Data.fs").exists()
{%- endif %}


def test_create_admin_takes_the_password_from_the_environment(tmp_path):
    """`python -m {{ cookiecutter.package_name }} create-admin NAME` never prompts without a terminal."""
    env = {**os.environ, "ZOPE_SECRET_KEY": "x"}
    env.pop("ZOPE_ADMIN_PASSWORD", None)
{%- if cookiecutter.database == "zeo" %}
    import ZEO

    address, stop = ZEO.server(path=str(tmp_path / "Data.fs"))
    env["ZEO_ADDRESS"] = f"{address[0]}:{address[1]}"
{%- else %}
    env["ZODB_PATH"] = str(tmp_path / "Data.fs")
{%- endif %}
    command = [sys.executable, "-m", "{{ cookiecutter.package_name }}", "create-admin", "ada"]

    def create(**extra):
        return subprocess.run(
            command,
            cwd=PROJECT,
            env={**env, **extra},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )

{%- if cookiecutter.database == "zeo" %}

    try:
        without = create()
        first = create(ZOPE_ADMIN_PASSWORD="a-long-password")
        again = create(ZOPE_ADMIN_PASSWORD="another-password")
    finally:
        stop()
{%- else %}

    without = create()
    first = create(ZOPE_ADMIN_PASSWORD="a-long-password")
    again = create(ZOPE_ADMIN_PASSWORD="another-password")
{%- endif %}
    assert without.returncode != 0
    assert "ZOPE_ADMIN_PASSWORD" in without.stderr
    assert first.returncode == 0, first.stderr
    assert "Added the Manager ada." in first.stdout
    assert "a-long-password" not in first.stdout + first.stderr
    assert again.returncode != 0
    assert "already an account named ada" in again.stderr


def test_admin_requires_login(client, admin):
    assert client.get("/manage_main", expect_errors=True).status_int == 401
    client.set_authorization(("Basic", admin))
    assert client.get("/manage_main").status_int == 200


def object_ids() -> list[str]:
    import Zope2

    app = Zope2.app()
    try:
        return list(app.objectIds())
    finally:
        app._p_jar.close()


def user_names() -> list[str]:
    import Zope2

    app = Zope2.app()
    try:
        return list(app.acl_users.getUserNames())
    finally:
        app._p_jar.close()


@pytest.fixture
def zmi(client, admin):
    """The client, logged in to the ZMI as a Manager (HTTP basic auth, as a browser would)."""
    client.reset()
    client.set_authorization(("Basic", admin))
    yield client
    client.authorization = None


# What a page on another site makes the browser send: where it comes from.
CROSS_SITE = [
    {"Origin": "http://evil.example"},
    {"Origin": "http://localhost:8001"},  # another port: another origin
    {"Origin": "null"},
    {"Origin": "http://evil.example", "Referer": "http://localhost/manage_main"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost"},
    {"Referer": "http://evil.example/page"},
    {"Referer": "http://localhost.evil.example/"},
]


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_zmi_refuses_a_cross_site_user_add(zmi, headers):
    """The attack the ZMI fell to: another site's form adds a Manager account."""
    form = {
        "name": "mallory",
        "password": "attacker-password",
        "confirm": "attacker-password",
        "roles:list": "Manager",
        "submit": "Add",
    }
    response = zmi.post("/acl_users/manage_users", form, headers=headers, expect_errors=True)
    assert response.status_int == 403
    assert "mallory" not in user_names()


@pytest.mark.parametrize("headers", CROSS_SITE)
@pytest.mark.parametrize("content_type", [None, "multipart/form-data"])
def test_zmi_refuses_every_cross_site_post(zmi, headers, content_type):
    response = zmi.post(
        "/manage_addFolder",
        {"id": "cross_site"},
        headers=headers,
        content_type=content_type,
        expect_errors=True,
    )
    assert response.status_int == 403
    assert "cross_site" not in object_ids()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://localhost"},
        {"Origin": "http://localhost:80"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
        {"Referer": "http://localhost/manage_main"},
        {},  # not a browser (a script): no cross-site request to fear
    ],
)
def test_zmi_accepts_its_own_posts(zmi, headers):
    name = f"own_{len(object_ids())}"
    response = zmi.post("/manage_addFolder", {"id": name}, headers=headers)
    assert response.status_int == 200
    assert name in object_ids()


@pytest.mark.parametrize(
    "path",
    [
        "/manage_addFolder?id=by_get",
        "/manage_addProduct/OFSP/manage_addFolder?id=by_get",
        "/acl_users/manage_users?name=by_get&password=p&confirm=p&roles:list=Manager&submit=Add",
    ],
)
def test_zmi_changes_nothing_on_get(zmi, path):
    """A link or an image elsewhere makes a GET: it may show a page, never change one."""
    zmi.get(path, expect_errors=True)
    assert "by_get" not in object_ids()
    assert "by_get" not in user_names()


def test_notes_get_with_the_token_adds_nothing(client):
    page = client.get("/notes")
    token = page.forms[0]["csrf_token"].value
    client.get("/notes", {"text": "added by a GET", "csrf_token": token})
    assert "added by a GET" not in client.get("/notes").text


@pytest.mark.parametrize(
    "method", ["PUT", "DELETE", "PATCH", "PROPFIND", "MKCOL", "OPTIONS", "FOO"]
)
@pytest.mark.parametrize("path", ["/manage_main", "/acl_users", "/", "/no-such-page"])
def test_unknown_methods_are_405(zmi, method, path):
    response = zmi.request(path, method=method, expect_errors=True)
    assert response.status_int == 405
    assert "Allow" in response.headers


@pytest.mark.parametrize("method", ["GET", "PUT", "POST"])
def test_error_pages_name_no_version(client, method):
    import re

    response = client.request("/no-such-page", method=method, expect_errors=True)
    assert response.status_int in (403, 404, 405)
    for text in (response.text, *response.headers.values()):
        assert not re.search(r"(?i)(zope|waitress|python)[ /]*\d", text)
    assert "X-Powered-By" not in response.headers
