"""The contract checks against small wsgiref apps: each passes on a conforming app
and fails, with its sentence, on an app broken in that one way. No package index."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import pytest

from scaffold.runtime import conformance
from scaffold.runtime import contract_forms as forms
from scaffold.runtime.contract_http import Client, Expectation, parse_cookie

from .helpers import FIXTURES

sys.path.insert(0, str(FIXTURES / "contract_apps"))
from contract_app import FAULTS, make_app
from contract_server import serving

FULL = Expectation(
    framework="demo",
    project_name="Demo App",
    full_stack=True,
    urls={"notes": "/notes", "login": "/login", "admin": "/admin"},
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
    assert names.isdisjoint({"notes", "csrf", "note-limits", "concurrency", "workers"})
    assert {"head", "headers", "csp-met", "methods", "malformed", "cookies"} <= names


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
        conformance.check_cookies(Client(base_url), MICRO)
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
        conformance.check_csp_met(Client(base_url), MICRO)


def test_a_nonce_allows_only_the_script_that_carries_it() -> None:
    def page(environ, start_response):
        policy = "default-src 'self'; script-src 'self' 'nonce-abc'"
        start_response(
            "200 OK", [("Content-Type", "text/html"), ("Content-Security-Policy", policy)]
        )
        return [b'<script nonce="abc">ok()</script><script nonce="xyz">no()</script>']

    with serving(page) as base_url, pytest.raises(conformance.CheckFailure) as failure:
        conformance.check_csp_met(Client(base_url), MICRO)
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
    response = conformance.Response(200, "text/html", headers, "")
    assert conformance.security_header_problems(response) == ["X-Frame-Options more than once"]
