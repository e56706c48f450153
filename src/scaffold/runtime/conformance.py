"""The starter contract, checked over HTTP against a running project.

Every template must pass these checks, whatever its framework; the end-to-end
tests and `scaffold check` run them against a real server on 127.0.0.1. Each
check has a name and fails with one sentence. The route checks are here and in
``contract_forms`` (notes); the HTTP client is ``contract_http``. Only the
standard library is used, so the checks run anywhere.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

from .. import contract
from . import contract_forms as forms
from .contract_http import (
    CheckFailure,
    Client,
    Expectation,
    Response,
    expect,
    expect_no_error,
    expect_status,
    parse_cookie,
)

__all__ = ["CheckFailure", "CheckResult", "Client", "Expectation", "checks_for", "run"]

ESCAPE_PATHS = ("/static/../pyproject.toml", "/static/%2e%2e/wsgi.py", "/static/..%2f..%2fwsgi.py")
# The contract's own routes, from the one table of them.
INDEX, HEALTH, STYLESHEET = (
    contract.route_path(name) for name in ("index", "health", "stylesheet")
)
ROUTES = (INDEX, HEALTH, STYLESHEET)
UNKNOWN = "/no-such-page"
HEADER_PATHS = (*ROUTES, UNKNOWN)
# Query strings a crawler, a mail client or an attacker sends: never a server error.
# The value is the status the contract requires, or None for "anything below 500".
MALFORMED_QUERIES: dict[str, int | None] = {
    f"{INDEX}?name=%ff": None,
    f"{INDEX}?name=a&name=b": None,
    f"{INDEX}?name=%00": None,
    f"{INDEX}?utm_source=mail": 200,
    f"{HEALTH}?x=%ff": 200,
}


@dataclass(frozen=True)
class CheckResult:
    """One check of the contract: its name, whether it passed, and why not."""

    name: str
    passed: bool
    detail: str = ""
    seconds: float = 0.0


def check_index(client: Client, expected: Expectation) -> None:
    response = client.request(INDEX)
    expect_status(response, 200, f"GET {INDEX}")
    expect(response.content_type == "text/html", f"GET {INDEX} is {response.content_type!r}")
    expect(expected.project_name in response.text, f"GET {INDEX} lacks {expected.project_name!r}")
    expect(
        re.search(r"<link[^>]+href=\"[^\"]*/static/style\.css\"", response.text) is not None,
        f"GET {INDEX} does not link {STYLESHEET}",
    )


def check_greeting(client: Client, expected: Expectation) -> None:
    response = client.request(f"{INDEX}?name=Ada")
    expect_status(response, 200, f"GET {INDEX}?name=Ada")
    expect("Hello, Ada" in response.text, f"GET {INDEX}?name=Ada does not greet 'Hello, Ada'")


def check_escaping(client: Client, expected: Expectation) -> None:
    response = client.request(f"{INDEX}?" + urllib.parse.urlencode({"name": "<b>x</b>"}))
    expect_status(response, 200, f"GET {INDEX}?name=<b>x</b>")
    expect("<b>x</b>" not in response.text, "the name is not HTML-escaped")
    expect("&lt;b&gt;x&lt;/b&gt;" in response.text, "the escaped name is not shown")


def check_health(client: Client, expected: Expectation) -> None:
    response = client.request(HEALTH)
    expect_status(response, 200, f"GET {HEALTH}")
    expect(
        response.content_type == "application/json", f"GET {HEALTH} is {response.content_type!r}"
    )
    try:
        body = json.loads(response.text)
    except ValueError:
        raise CheckFailure(f"GET {HEALTH} is not JSON: {response.text[:80]!r}") from None
    wanted = {"status": "ok", "framework": expected.framework}
    expect(body == wanted, f"GET {HEALTH} answered {body!r}, expected {wanted!r}")


def check_stylesheet(client: Client, expected: Expectation) -> None:
    response = client.request(STYLESHEET)
    expect_status(response, 200, f"GET {STYLESHEET}")
    expect(response.content_type == "text/css", f"the stylesheet is {response.content_type!r}")


def check_not_found(client: Client, expected: Expectation) -> None:
    expect_status(client.request(UNKNOWN), 404, f"GET {UNKNOWN}")


def check_static_escape(client: Client, expected: Expectation) -> None:
    for path in ESCAPE_PATHS:
        expect_status(client.request(path), 404, f"GET {path}")


def check_admin_login(client: Client, expected: Expectation) -> None:
    admin = expected.url("admin")
    response = client.fresh().request(admin)
    expect(
        response.status in (301, 302, 303, 307, 401, 403),
        f"GET {admin} without login "
        f"answered {response.status}, expected a redirect to login, 401 or 403",
    )


def check_login_page(client: Client, expected: Expectation) -> None:
    login = expected.url("login")
    expect_status(client.fresh().request(login), 200, f"GET {login}")


def check_head(client: Client, expected: Expectation) -> None:
    """HEAD answers what GET answers, and sends no body."""
    paths = list(ROUTES)
    if expected.full_stack:
        paths.append(expected.url("notes"))
    for path in paths:
        wanted = client.request(path).status
        status, body = client.head(path)
        expect(status == wanted, f"HEAD {path} answered {status}, GET {path} {wanted}")
        expect(not body, f"HEAD {path} sent {len(body)} bytes of body after its headers")


# Each is sent once: browsers combine two policies, or ignore a header given twice.
SECURITY_HEADER_NAMES = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
)


def security_header_problems(response: Response) -> list[str]:
    """What the response lacks of the headers every response must send."""
    headers = response.headers
    policy = csp(response)
    problems = []
    if (headers.get("X-Content-Type-Options") or "").strip().lower() != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    frame = (headers.get("X-Frame-Options") or "").strip().upper()
    if frame not in ("DENY", "SAMEORIGIN") and "frame-ancestors" not in policy:
        problems.append("no frame protection (X-Frame-Options or CSP frame-ancestors)")
    if not headers.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    if "default-src" not in policy:
        problems.append("no Content-Security-Policy with default-src")
    for name in SECURITY_HEADER_NAMES:
        if len(headers.get_all(name) or ()) > 1:  # a middleware that adds what a page set
            problems.append(f"{name} more than once")
    return problems


def csp(response: Response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy: each directive and its sources."""
    directives: dict[str, list[str]] = {}
    for header in response.headers.get_all("Content-Security-Policy") or ():
        for directive in str(header).split(";"):
            if directive.strip():
                name, *sources = directive.split()
                directives.setdefault(name.lower(), sources)
    return directives


def check_headers(client: Client, expected: Expectation) -> None:
    """Pages, JSON, static files and errors all send the security headers."""
    for path in HEADER_PATHS:
        problems = security_header_problems(client.request(path))
        expect(not problems, f"GET {path} sends {'; '.join(problems)}")


class _InlineFinder(HTMLParser):
    """Finds what a CSP without 'unsafe-inline' blocks: inline scripts and styles."""

    def __init__(self, sources: set[str]) -> None:
        super().__init__()
        self.sources = sources
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        kind = attributes.get("type", "text/javascript").lower()
        allowed = (
            f"'nonce-{attributes['nonce']}'" in self.sources if "nonce" in attributes else False
        )
        if tag == "script" and "src" not in attributes and not allowed:
            if "javascript" in kind or kind == "module":
                self.found.append("an inline <script>")
        elif tag == "style" and not allowed:
            self.found.append("a <style> element")
        if "style" in attributes:
            self.found.append(f"a style= attribute on <{tag}>")
        handlers = sorted(name for name in attributes if name.startswith("on"))
        if handlers:
            self.found.append(f"an inline {handlers[0]}= handler on <{tag}>")


def check_csp_met(client: Client, expected: Expectation) -> None:
    """The starter's own pages work under its Content-Security-Policy."""
    for path in _pages(expected):
        page = client.fresh().request(path)
        sources = {source for sources in csp(page).values() for source in sources}
        if "'unsafe-inline'" in sources:
            continue
        finder = _InlineFinder(sources)
        finder.feed(page.text)
        expect(
            not finder.found,
            f"GET {path} has {finder.found[0] if finder.found else ''}, which its "
            "Content-Security-Policy blocks (no 'unsafe-inline')",
        )


def _pages(expected: Expectation) -> list[str]:
    pages = [INDEX]
    if expected.full_stack:
        pages.append(expected.url("notes"))
        if "login" in (expected.urls or {}):
            pages.append(expected.url("login"))
    return pages


def check_cookies(client: Client, expected: Expectation) -> None:
    """Every cookie the run saw is HttpOnly and SameSite=Lax or Strict, and set once.

    Runs last: it reads the Set-Cookie headers of every request the other checks
    made, after visiting the pages itself so that it means something alone.
    A header that deletes a cookie needs no flags.
    """
    for path in _pages(expected):
        client.fresh().request(path)
    problems: dict[tuple[str, str], str] = {}
    for record in client.log.records:
        cookies = [parse_cookie(header) for header in record.headers]
        names = [cookie.name for cookie in cookies]
        for name in sorted({name for name in names if names.count(name) > 1}):
            problems.setdefault(
                (name, "twice"), f"{record.request} sets cookie {name!r} {names.count(name)} times"
            )
        for cookie in cookies:
            if cookie.deletes:
                continue
            if "httponly" not in cookie.attributes:
                problems.setdefault(
                    (cookie.name, "httponly"),
                    f"cookie {cookie.name!r} (from {record.request}) is not HttpOnly",
                )
            if cookie.attributes.get("samesite", "").lower() not in ("lax", "strict"):
                problems.setdefault(
                    (cookie.name, "samesite"),
                    f"cookie {cookie.name!r} (from {record.request}) lacks SameSite=Lax",
                )
    found = list(problems.values())
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    expect(not found, (found[0] + more) if found else "")


def check_methods(client: Client, expected: Expectation) -> None:
    """A method a route does not take answers 405 and says which it does."""
    wrong = [("POST", HEALTH), ("POST", INDEX)]
    if expected.full_stack:
        wrong += [("PUT", expected.url("notes")), ("DELETE", expected.url("notes"))]
    for method, path in wrong:
        response = client.fresh().request(path, method=method, body=b"")
        expect_status(response, 405, f"{method} {path}")
        expect(bool(response.headers.get("Allow")), f"{method} {path} answered 405 without Allow")


def check_malformed(client: Client, expected: Expectation) -> None:
    """Bad UTF-8, NUL bytes, repeated or unknown parameters: never a server error."""
    for target, status in MALFORMED_QUERIES.items():
        response = client.request(target)
        if status is None:
            expect_no_error(response, f"GET {target}")
        else:
            expect_status(response, status, f"GET {target}")
    if expected.full_stack:
        notes = expected.url("notes")
        for encoded, what in ((b"%ff%fe", "bad UTF-8"), (b"a%00b", "a NUL byte")):
            expect_no_error(
                forms.post_raw_note(client, expected, encoded), f"POST {notes} with {what}"
            )


Check = Callable[[Client, Expectation], None]
Scope = Literal["routes", "full"]
ROUTE_CHECKS: dict[str, Check] = {
    "index": check_index,
    "greeting": check_greeting,
    "escaping": check_escaping,
    "health": check_health,
    "stylesheet": check_stylesheet,
    "not-found": check_not_found,
    "static-escape": check_static_escape,
}
SAFETY_CHECKS: dict[str, Check] = {
    "head": check_head,
    "headers": check_headers,
    "csp-met": check_csp_met,
    "methods": check_methods,
    "malformed": check_malformed,
}
FULL_STACK_SAFETY_CHECKS: dict[str, Check] = {
    "csrf": forms.check_forged_post,
    "note-limits": forms.check_note_limits,
    "concurrency": forms.check_concurrency,
}


def checks_for(
    expected: Expectation, *, scope: Scope = "full", workers: bool = False
) -> dict[str, Check]:
    """The checks that apply to a project, in the order they run.

    ``scope="routes"`` is the contract's routes only (fast: for a development
    server); ``"full"`` adds "Safe to deploy" (headers, HEAD, cookies, 405,
    malformed input and, for full-stack, CSRF, note limits and concurrent
    writes). ``workers`` adds the check that several server processes share
    the notes (for a multi-process server).
    """
    checks = dict(ROUTE_CHECKS)
    urls = expected.urls or {}
    if expected.full_stack:
        checks["notes"] = forms.check_notes
        if "admin" in urls:
            checks["admin-needs-login"] = check_admin_login
        if "login" in urls:
            checks["login-page"] = check_login_page
    if scope == "full":
        checks.update(SAFETY_CHECKS)
        if expected.full_stack:
            checks.update(FULL_STACK_SAFETY_CHECKS)
    if workers and expected.full_stack:
        checks["workers"] = forms.check_workers
    if scope == "full":
        checks["cookies"] = check_cookies
    return checks


def run(
    base_url: str, expected: Expectation, *, scope: Scope = "full", workers: bool = False
) -> list[CheckResult]:
    """Run every check that applies against the server at ``base_url``."""
    client = Client(base_url)
    results = []
    for name, check in checks_for(expected, scope=scope, workers=workers).items():
        started = time.perf_counter()
        try:
            check(client, expected)
        except CheckFailure as failure:
            passed, detail = False, str(failure)
        except ConnectionRefusedError as exc:
            passed, detail = False, f"a request failed: {exc!r} (is the server still running?)"
        except (OSError, http.client.HTTPException) as exc:
            passed, detail = False, f"a request failed: {exc!r}"
        else:
            passed, detail = True, ""
        results.append(CheckResult(name, passed, detail, time.perf_counter() - started))
    return results
