"""The contract checks against small wsgiref apps: each passes on a conforming app
and fails, with its sentence, on an app broken in that one way. No package index."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scaffold import registry
from scaffold.errors import TemplateMetadataError
from scaffold.runtime import conformance, contract_headers
from scaffold.runtime import contract_forms as forms
from scaffold.runtime import contract_hosts as hosts
from scaffold.runtime.contract_http import Client, Credentials, Expectation, Response, parse_cookie

from .helpers import FIXTURES

sys.path.insert(0, str(FIXTURES / "contract_apps"))
from contract_app import ACCOUNT, CASES, FAULTS, make_app
from contract_server import serving

FULL = Expectation(
    framework="demo",
    project_name="Demo App",
    full_stack=True,
    urls={"notes": "/notes", "login": "/login", "admin": "/admin", "logout": "/logout"},
    admin=Credentials(*ACCOUNT),
)
MICRO = Expectation(framework="demo", project_name="Demo App")

# What each broken app must be told, word for word (a regular expression).
SENTENCES = {
    "index": r"GET / does not link /static/style\.css",
    "greeting": r"GET /\?name=Ada does not greet 'Hello, Ada'",
    "escaping": r"the name is not HTML-escaped",
    "health": r"GET /health answered \{'status': 'degraded', 'framework': 'demo'\}, "
    r"expected \{'status': 'ok', 'framework': 'demo'\}",
    "stylesheet": r"the stylesheet is 'text/plain'",
    "not-found": r"GET /no-such-page answered 200, expected 404",
    "static-escape": r"GET /static/\.\./pyproject\.toml answered 200, expected 404",
    "notes": r"POST /notes answered 200, expected 303",
    "admin-needs-login": r"GET /admin without login answered 200, expected a redirect to login, "
    r"401 or 403",
    "login-page": r"GET /login answered 404, expected 200",
    "head": r"HEAD / sent \d+ bytes of body after its headers",
    "headers": r"GET / sends no X-Content-Type-Options: nosniff",
    "csp-met": r"GET / has a style= attribute on <body>, which its Content-Security-Policy "
    r"blocks \(no 'unsafe-inline'\)",
    "methods": r"POST /health answered 200, expected 405",
    "malformed": r"GET /\?name=%ff answered 500, a server error",
    "csrf": r"a cross-site POST /notes \(Origin http://evil\.example, no token, no cookies\) "
    r"answered 303, expected 4xx",
    "note-limits": r"POST /notes accepted a blank note \(303\)",
    "concurrency": r"\d+ of 40 concurrent writes failed: POST /notes from client \d answered 500",
    "workers": r"a note written through one request is missing from read \d of 6 on a new "
    r"connection \(another worker does not see it\)",
    "cookies": r"cookie 'csrftoken' \(from GET /notes\) is not HttpOnly",
    "forged-host": r"GET /notes with Host: evil\.example answered 200 with evil\.example in the "
    r"action of <form>",
    "version-banner": r"the Server header of GET / names a version: "
    r"'WSGIServer/0\.2 CPython/[\d.]+'",
    "csrf-session": r"POST /notes with the token of another visitor's form \(its own cookies\) "
    r"answered 303, expected 4xx: the token is not bound to the session",
    "invisible-notes": r"POST /notes accepted the note '\\u200b', which has no visible character "
    r"\(303\)",
    "get-no-change": r"GET /notes\?text=\.\.\.&<the form's hidden fields> added a note: a GET "
    r"changed something",
    "multipart": r"POST /notes as multipart/form-data with no boundary answered 500, expected 4xx",
    "method-override": r"POST /notes with _method=put answered 204, expected 303 \(a normal POST\) "
    r"or 4xx",
    "logout": r"the cookies copied before logging out still open /admin \(200\): logout does not "
    r"end the session on the server",
    "login-redirects": r"logging in through /login with next='//evil\.example' redirected to "
    r"'//evil\.example': a browser reads it as another host",
    # wsgiref turns a request for //evil.example/ into /evil.example/: the next path fails.
    "redirects": r"GET /\\evil\.example/ redirected to '/\\\\evil\.example': a browser reads it as "
    r"another host",
}


@pytest.fixture(scope="module")
def good_url() -> Iterator[str]:
    with serving(make_app()) as base_url:
        yield base_url


def test_every_check_passes_on_a_conforming_app(good_url: str) -> None:
    results = conformance.run(good_url, FULL, workers=True)
    assert [(r.name, r.detail) for r in results if not r.passed] == []
    assert {r.name for r in results} == set(SENTENCES)
    assert results[-1].name == "cookies"


def test_every_check_has_a_fault_and_a_sentence() -> None:
    names = set(conformance.checks_for(FULL, workers=True))
    assert names == set(FAULTS) == set(SENTENCES)


def test_micro_projects_get_no_full_stack_checks(good_url: str) -> None:
    results = conformance.run(good_url, MICRO)
    assert all(r.passed for r in results), [r for r in results if not r.passed]
    names = {r.name for r in results}
    assert names.isdisjoint(conformance.FULL_STACK_SAFETY_CHECKS)
    assert names.isdisjoint({"notes", "workers"})
    assert {"head", "headers", "csp-met", "methods", "malformed", "cookies"} <= names
    assert {"forged-host", "version-banner", "redirects"} <= names


def test_routes_scope_is_the_contract_routes_only() -> None:
    names = list(conformance.checks_for(FULL, scope="routes"))
    assert names == [*conformance.ROUTE_CHECKS, "notes", "admin-needs-login", "login-page"]


@pytest.mark.parametrize("check", sorted(FAULTS))
def test_each_check_fails_with_its_sentence_on_an_app_broken_that_way(check: str) -> None:
    with serving(make_app(FAULTS[check])) as base_url:
        function = conformance.checks_for(FULL, workers=True)[check]
        with pytest.raises(conformance.CheckFailure) as failure:
            function(Client(base_url), FULL)
    assert re.fullmatch(SENTENCES[check], str(failure.value)), str(failure.value)


def test_a_forged_login_that_reaches_no_form_tests_nothing_and_fails() -> None:
    """A 404 from a login form's action is no CSRF defence: the check must not pass on it."""
    with serving(make_app("login-action-missing")) as base_url:
        function = conformance.checks_for(FULL, workers=True)["csrf"]
        with pytest.raises(conformance.CheckFailure, match="answered 404, expected a refusal"):
            function(Client(base_url), FULL)


def test_a_broken_app_fails_only_its_own_check() -> None:
    with serving(make_app(FAULTS["csp-met"])) as base_url:
        results = conformance.run(base_url, FULL)
    assert [r.name for r in results if not r.passed] == ["csp-met"]


def test_a_cookie_set_twice_in_one_response_fails(good_url: str) -> None:
    def twice(environ, start_response):
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/html"),
                ("Set-Cookie", "session=a; HttpOnly; SameSite=Lax"),
                ("Set-Cookie", "session=b; HttpOnly; SameSite=Lax"),
            ],
        )
        return [b"<p>hi</p>"]

    with serving(twice) as base_url, pytest.raises(conformance.CheckFailure) as failure:
        contract_headers.check_cookies(Client(base_url), MICRO)
    assert str(failure.value) == "GET / sets cookie 'session' 2 times"


def test_a_deleted_cookie_needs_no_flags() -> None:
    assert parse_cookie("session=; Max-Age=0; Path=/").deletes
    assert parse_cookie("session=; expires=Thu, 01 Jan 1970 00:00:00 GMT").deletes
    assert not parse_cookie("session=abc; Max-Age=3600; HttpOnly").deletes


def test_unsafe_inline_in_the_policy_allows_inline_styles() -> None:
    def inline(environ, start_response):
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/html"),
                ("Content-Security-Policy", "style-src 'unsafe-inline'"),
            ],
        )
        return [b'<p style="color: red">hi</p>']

    with serving(inline) as base_url:
        contract_headers.check_csp_met(Client(base_url), MICRO)


def test_a_nonce_allows_only_the_script_that_carries_it() -> None:
    def page(environ, start_response):
        policy = "default-src 'self'; script-src 'self' 'nonce-abc'"
        start_response(
            "200 OK", [("Content-Type", "text/html"), ("Content-Security-Policy", policy)]
        )
        return [b'<script nonce="abc">ok()</script><script nonce="xyz">no()</script>']

    with serving(page) as base_url, pytest.raises(conformance.CheckFailure) as failure:
        contract_headers.check_csp_met(Client(base_url), MICRO)
    assert str(failure.value).startswith("GET / has an inline <script>, which")


def test_a_server_that_closes_on_a_huge_body_passes_the_size_limit(good_url: str) -> None:
    # The conforming app answers 413 without reading the body; wsgiref then closes
    # the connection mid-upload, which the check accepts as a refusal too.
    conformance.checks_for(FULL)["note-limits"](Client(good_url), FULL)


def test_a_failed_request_is_a_failed_check_not_a_crash() -> None:
    from scaffold.runtime.servers import free_port

    results = conformance.run(f"http://127.0.0.1:{free_port()}", MICRO)
    assert results and not any(r.passed for r in results)
    assert re.fullmatch(
        r"a request failed: ConnectionRefusedError\(\d+, '.+'\) \(is the server still running\?\)",
        results[0].detail,
    ), results[0].detail


@pytest.mark.parametrize(
    ("page", "action", "path"),
    [
        ("/login", "http://127.0.0.1:8000/login", "/login"),
        ("/accounts/login/", "", "/accounts/login/"),
        ("/notes", "?next=/", "/notes?next=/"),
        ("/auth/login", "#", "/auth/login"),
    ],
)
def test_a_form_posts_to_its_action_as_a_path(page: str, action: str, path: str) -> None:
    assert forms.target(page, action) == path


def test_a_security_header_sent_twice_is_a_problem() -> None:
    """A middleware that adds a header a page already set sends it twice."""
    import email.message

    headers = email.message.Message()
    for name, value in [
        ("Content-Security-Policy", "default-src 'self'"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("X-Frame-Options", "SAMEORIGIN"),
        ("Referrer-Policy", "same-origin"),
    ]:
        headers[name] = value
    response = Response(200, "text/html", headers, "")
    assert contract_headers.security_header_problems(response) == ["X-Frame-Options more than once"]


# One more case of a class, each caught by its check: fault, check, sentence.
CLASS_CASES = {
    "referrer-drift": (
        "headers",
        r"GET / sends Referrer-Policy strict-origin-when-cross-origin, not same-origin",
    ),
    "xfh-in-redirect": (
        "forged-host",
        r"POST /notes with X-Forwarded-Host: evil\.example answered 303 with "
        r"Location: http://evil\.example/notes",
    ),
    "next-half-fixed": (
        "login-redirects",
        r"logging in through /login with next='/\\\\evil\.example' redirected to "
        r"'/\\\\evil\.example': a browser reads it as another host",
    ),
    "next-controls": (
        "login-redirects",
        r"logging in through /login with next='/\\tevil\.example' (redirected to "
        r"'/\\tevil\.example': a browser drops .*|answered 500, a server error)",
    ),
    "next-when-logged-in": (
        "login-redirects",
        r"GET /login\?next=%2F%2Fevil\.example&.* when logged in redirected to "
        r"'//evil\.example': a browser reads it as another host",
    ),
    "invisible-fillers": (
        "invisible-notes",
        r"POST /notes accepted the note '\\u3164', which has no visible character \(303\)",
    ),
    "multipart-body-500": (
        "multipart",
        r"POST /notes as multipart/form-data with a part that never ends answered 500, "
        r"expected 4xx",
    ),
    "override-header": (
        "method-override",
        r"POST /notes with X-HTTP-Method-Override: PUT answered 204, expected 303 "
        r"\(a normal POST\) or 4xx",
    ),
    "csrf-no-cookie-ok": (
        "csrf-session",
        r"POST /notes with the token of another visitor's form \(no cookies\) answered 303, "
        r"expected 4xx: the token is not bound to the session",
    ),
    "error-page-banner": (
        "version-banner",
        r"the page of GET /no-such-page \(404\) names a version: 'Python [\d.]+'",
    ),
    "flash-flags": ("cookies", r"cookie 'flash' \(from POST /notes\) is not HttpOnly"),
}


def test_every_extra_case_has_a_check_and_a_sentence() -> None:
    assert set(CLASS_CASES) | {"note-redirect-backslash"} == set(CASES)


@pytest.mark.parametrize("fault", sorted(CLASS_CASES))
def test_each_case_of_a_class_fails_its_check(fault: str) -> None:
    check, sentence = CLASS_CASES[fault]
    with serving(make_app(fault)) as base_url, pytest.raises(conformance.CheckFailure) as failure:
        conformance.checks_for(FULL)[check](Client(base_url), FULL)
    assert re.fullmatch(sentence, str(failure.value)), str(failure.value)


def test_a_redirect_any_check_received_is_judged_by_the_redirects_check() -> None:
    """The note form's 303 goes to '/\\notes' (a host, to a browser): only 'redirects' sees it."""
    with serving(make_app("note-redirect-backslash")) as base_url:
        results = conformance.run(base_url, FULL)
    failed = [(r.name, r.detail) for r in results if not r.passed]
    assert failed == [
        (
            "redirects",
            "POST /notes redirected to '/\\\\notes': a browser reads it as another host",
        )
    ]


@pytest.mark.parametrize(
    ("location", "safe"),
    [
        ("/", True),
        ("/notes?next=%2F%2Fevil.example", True),
        ("/%5Cevil.example", True),
        ("http://127.0.0.1:8000/notes", True),
        ("HTTPS://127.0.0.1:8000/", True),
        ("//evil.example", False),
        ("/\\evil.example", False),
        ("///evil.example", False),
        ("http://evil.example/", False),
        ("http:evil.example", False),
        ("http:/evil.example", False),
        ("http://127.0.0.1:8000@evil.example/", False),
        ("http://127.0.0.1:8000.evil.example/", False),
        ("javascript:alert(1)", False),
        ("notes", False),
        ("/\tevil.example", False),
        (" /notes", False),
    ],
)
def test_a_redirect_stays_on_the_site_only_as_a_path_or_to_its_own_host(
    location: str, safe: bool
) -> None:
    assert (hosts.location_problem(location, "127.0.0.1:8000") is None) is safe


def test_the_checks_that_log_in_say_when_they_do_not_apply(good_url: str) -> None:
    without = dataclasses.replace(FULL, admin=None, urls={"notes": "/notes", "login": "/login"})
    results = {r.name: r for r in conformance.run(good_url, without)}
    assert results["logout"].passed
    assert results["logout"].detail == (
        "not applicable: no admin account was made for the checks (_scaffold.admin_account); "
        "the template declares no urls.admin or urls.logout"
    )
    assert results["login-redirects"].detail == (
        "not applicable: no admin account was made for the checks (_scaffold.admin_account)"
    )
    assert all(r.passed for r in results.values())


def test_a_wrong_password_fails_the_checks_that_log_in(good_url: str) -> None:
    wrong = dataclasses.replace(FULL, admin=Credentials(ACCOUNT[0], "not-it"))
    results = {r.name: r for r in conformance.run(good_url, wrong)}
    assert results["logout"].detail == (
        "after logging in through /login with the created account, GET /admin answered 302, "
        "expected 200"
    )
    assert not results["login-redirects"].passed


def test_a_logout_form_is_found_on_the_admin_page() -> None:
    page = '<form method="post" action="/logout"><input type="hidden" name="t" value="1">'
    page += '<button name="go" value="out">Log out</button></form>'
    (form,) = forms.post_forms(page)
    assert (form.action, form.hidden, form.submit) == ("/logout", {"t": "1"}, {"go": "out"})


def _notesdemo_with(tmp_path: Path, **changes: object) -> Path:
    """A copy of the fake full-stack template with ``_scaffold`` keys changed."""
    source = FIXTURES / "contract_apps" / "templates" / "notesdemo" / "cookiecutter.json"
    config = json.loads(source.read_text(encoding="utf-8"))
    config["_scaffold"].update(changes)
    folder = tmp_path / "notesdemo"
    folder.mkdir(parents=True)
    (folder / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def test_the_admin_account_command_is_read_with_its_placeholders(tmp_path: Path) -> None:
    account = {
        "argv": ["python", "-m", "{package}", "create-admin", "{username}"],
        "env": {"DEMO_PASSWORD": "{password}"},
    }
    urls = {"notes": "/notes", "login": "/login", "admin": "/admin", "logout": "/logout"}
    framework = registry.load_framework(_notesdemo_with(tmp_path, admin_account=account, urls=urls))
    assert framework.urls["logout"] == "/logout"
    assert framework.admin_account is not None
    argv, env = framework.admin_account.command(package="demo_app", username="u", password="p")
    assert (argv, env) == (
        ["python", "-m", "demo_app", "create-admin", "u"],
        {"DEMO_PASSWORD": "p"},
    )


def test_a_bad_admin_account_and_logout_url_list_every_problem(tmp_path: Path) -> None:
    account = {"argv": ["python", "{package}", "{user}", 3], "env": {"X": "{"}, "shell": True}
    urls = {"notes": "/notes", "logout": "//evil.example/logout"}
    folder = _notesdemo_with(tmp_path, admin_account=account, urls=urls)
    with pytest.raises(TemplateMetadataError) as caught:
        registry.load_framework(folder)
    message = str(caught.value)
    for problem in (
        "'urls.logout' must be a path that starts with one '/'.",
        "'admin_account' has unknown keys: shell.",
        "'argv' must be a non-empty list of strings.",
        "'admin_account' has a malformed placeholder in '{'.",
        "'admin_account' must pass {username} (in 'argv' or 'env').",
        "'admin_account' must pass {password} (in 'argv' or 'env').",
    ):
        assert problem in message, message
    assert registry.load_framework(_notesdemo_with(tmp_path / "b", admin_account=None))


def test_check_creates_the_admin_account_without_showing_its_password(tmp_path: Path) -> None:
    """`scaffold check` runs the template's command with a random name and password."""
    from scaffold import answers, check
    from scaffold.runtime import environments

    scripts = tmp_path / "venv" / "bin"
    scripts.mkdir(parents=True)
    (scripts / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (scripts / "python").chmod(0o755)
    environment = environments.Environment(tmp_path / "venv", "pip")
    project = tmp_path / "project"
    project.mkdir()
    saving = "import os, sys; open('made.txt', 'w').write(sys.argv[1] + ' ' + os.environ['PW'])"
    account = registry.AdminAccount(("python", "-c", saving, "{username}"), {"PW": "{password}"})
    recorded = answers.Answers("notesdemo", "0", "", {"package_name": "demo_app"})
    step, admin = check.create_admin(environment, recorded, account, project, {})
    assert step.passed and admin is not None, step.detail
    assert (project / "made.txt").read_text() == f"{admin.username} {admin.password}"
    other = check.create_admin(environment, recorded, account, project, {})[1]
    assert other is not None and other.password != admin.password
    assert admin.password not in repr(admin) + step.detail

    failing = registry.AdminAccount(("python", "-c", "import sys; sys.exit('no')", "{password}"))
    step, admin = check.create_admin(environment, recorded, failing, project, {})
    assert (step.name, step.passed, admin) == ("admin account", False, None)
    assert step.detail.startswith("'python -c import sys; sys.exit('no') <password>' exited")
