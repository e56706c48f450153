"""The starter contract, checked over HTTP against a running project.

Every template must pass these checks, whatever its framework; the end-to-end
tests and `scaffold check` run them against a real server on 127.0.0.1. Only
the standard library is used, so the checks run anywhere.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

TIMEOUT = 30.0
ESCAPE_PATHS = ("/static/../pyproject.toml", "/static/%2e%2e/wsgi.py", "/static/..%2f..%2fwsgi.py")


@dataclass(frozen=True)
class CheckResult:
    """One check of the contract: its name, whether it passed, and why not."""

    name: str
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class Expectation:
    """What the contract expects of one project."""

    framework: str
    project_name: str
    full_stack: bool = False
    csrf: bool = False
    urls: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    headers: Mapping[str, str]
    text: str


class CheckFailure(Exception):
    """A contract check found the project wanting."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


class Client:
    """A tiny HTTP client that keeps cookies and never follows redirects."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            _NoRedirect(), urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def request(self, path: str, data: Mapping[str, str] | None = None) -> Response:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        try:
            with self.opener.open(request, timeout=TIMEOUT) as answer:
                return _response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            return _response(error.code, error.headers, error.read())


def _response(status: int, headers, raw: bytes) -> Response:  # type: ignore[no-untyped-def]
    content_type = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    return Response(status, content_type, dict(headers.items()), raw.decode("utf-8", "replace"))


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailure(message)


def _expect_status(response: Response, status: int, what: str) -> None:
    _expect(response.status == status, f"{what} answered {response.status}, expected {status}")


def check_index(client: Client, expected: Expectation) -> None:
    response = client.request("/")
    _expect_status(response, 200, "GET /")
    _expect(response.content_type == "text/html", f"GET / is {response.content_type!r}")
    _expect(expected.project_name in response.text, f"GET / lacks {expected.project_name!r}")
    _expect(
        re.search(r"<link[^>]+href=\"[^\"]*/static/style\.css\"", response.text) is not None,
        "GET / does not link /static/style.css",
    )


def check_greeting(client: Client, expected: Expectation) -> None:
    response = client.request("/?name=Ada")
    _expect_status(response, 200, "GET /?name=Ada")
    _expect("Hello, Ada" in response.text, "GET /?name=Ada does not greet 'Hello, Ada'")


def check_escaping(client: Client, expected: Expectation) -> None:
    response = client.request("/?" + urllib.parse.urlencode({"name": "<b>x</b>"}))
    _expect_status(response, 200, "GET /?name=<b>x</b>")
    _expect("<b>x</b>" not in response.text, "the name is not HTML-escaped")
    _expect("&lt;b&gt;x&lt;/b&gt;" in response.text, "the escaped name is not shown")


def check_health(client: Client, expected: Expectation) -> None:
    response = client.request("/health")
    _expect_status(response, 200, "GET /health")
    _expect(
        response.content_type == "application/json", f"GET /health is {response.content_type!r}"
    )
    try:
        body = json.loads(response.text)
    except ValueError:
        raise CheckFailure(f"GET /health is not JSON: {response.text[:80]!r}") from None
    wanted = {"status": "ok", "framework": expected.framework}
    _expect(body == wanted, f"GET /health answered {body!r}, expected {wanted!r}")


def check_stylesheet(client: Client, expected: Expectation) -> None:
    response = client.request("/static/style.css")
    _expect_status(response, 200, "GET /static/style.css")
    _expect(response.content_type == "text/css", f"the stylesheet is {response.content_type!r}")


def check_not_found(client: Client, expected: Expectation) -> None:
    _expect_status(client.request("/no-such-page"), 404, "GET /no-such-page")


def check_static_escape(client: Client, expected: Expectation) -> None:
    for path in ESCAPE_PATHS:
        _expect_status(client.request(path), 404, f"GET {path}")


def check_notes(client: Client, expected: Expectation) -> None:
    notes = _url(expected, "notes")
    page = client.request(notes)
    _expect_status(page, 200, f"GET {notes}")
    _expect(page.content_type == "text/html", f"GET {notes} is {page.content_type!r}")
    form = _note_form(page.text)
    _expect(form is not None, f"GET {notes} has no <form method=post> with a 'text' field")
    note = "Remember <the milk> & eggs"
    created = client.request(notes, {**(form or {}), "text": note})
    _expect_status(created, 303, f"POST {notes}")
    _expect(bool(created.headers.get("Location")), f"POST {notes} gave no Location")
    listing = client.request(notes)
    _expect("Remember &lt;the milk&gt; &amp; eggs" in listing.text, "the new note is not listed")


def check_forged_post(client: Client, expected: Expectation) -> None:
    notes = _url(expected, "notes")
    forged = Client(client.base_url).request(notes, {"text": "forged"})
    _expect(400 <= forged.status < 500, f"a POST without the form's token answered {forged.status}")


def check_admin_login(client: Client, expected: Expectation) -> None:
    admin = _url(expected, "admin")
    response = Client(client.base_url).request(admin)
    _expect(
        response.status in (301, 302, 303, 307, 401, 403),
        f"GET {admin} without login "
        f"answered {response.status}, expected a redirect to login, 401 or 403",
    )


def check_login_page(client: Client, expected: Expectation) -> None:
    login = _url(expected, "login")
    _expect_status(Client(client.base_url).request(login), 200, f"GET {login}")


def _url(expected: Expectation, name: str) -> str:
    return (expected.urls or {}).get(name, f"/{name}")


class _FormParser(HTMLParser):
    """Finds POST forms, their hidden inputs, and whether they have a 'text' field."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[dict[str, str], bool]] = []
        self._current: tuple[dict[str, str], list[bool]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and attributes.get("method", "").lower() == "post":
            self._current = ({}, [False])
        elif self._current is not None and tag in ("input", "textarea"):
            if attributes.get("type", "").lower() == "hidden" and attributes.get("name"):
                self._current[0][attributes["name"]] = attributes.get("value", "")
            elif attributes.get("name") == "text":
                self._current[1][0] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._current is not None:
            self.forms.append((self._current[0], self._current[1][0]))
            self._current = None


def _note_form(html: str) -> dict[str, str] | None:
    parser = _FormParser()
    parser.feed(html)
    return next((hidden for hidden, has_text in parser.forms if has_text), None)


Check = Callable[[Client, Expectation], None]
MICRO_CHECKS: dict[str, Check] = {
    "index": check_index,
    "greeting": check_greeting,
    "escaping": check_escaping,
    "health": check_health,
    "stylesheet": check_stylesheet,
    "not-found": check_not_found,
    "static-escape": check_static_escape,
}


def checks_for(expected: Expectation) -> dict[str, Check]:
    """The checks that apply to a project: the micro contract, plus the full-stack part."""
    checks = dict(MICRO_CHECKS)
    if expected.full_stack:
        checks["notes"] = check_notes
        if expected.csrf:
            checks["csrf"] = check_forged_post
        urls = expected.urls or {}
        if "admin" in urls:
            checks["admin-needs-login"] = check_admin_login
        if "login" in urls:
            checks["login-page"] = check_login_page
    return checks


def run(base_url: str, expected: Expectation) -> list[CheckResult]:
    """Run every check that applies against the server at ``base_url``."""
    client = Client(base_url)
    results = []
    for name, check in checks_for(expected).items():
        try:
            check(client, expected)
        except CheckFailure as failure:
            results.append(CheckResult(name, False, str(failure)))
        except OSError as exc:
            results.append(CheckResult(name, False, f"request failed: {exc}"))
        else:
            results.append(CheckResult(name, True))
    return results
