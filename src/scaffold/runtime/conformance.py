"""The starter contract, checked over HTTP against a running project.

Every template must pass these checks, whatever its framework; the end-to-end
tests and `scaffold check` run them against a real server on 127.0.0.1. Each
check has a name and fails with one sentence (or, when it needs what a project
does not declare, passes saying it did not apply). The route and header checks
are here; the notes in ``contract_forms``, hostile note input in
``contract_input``, logging in and out in ``contract_sessions``, forged hosts,
redirects and version banners in ``contract_hosts``; the HTTP client is
``contract_http``. Only the standard library is used, so the checks run anywhere.
"""

from __future__ import annotations

import html
import http.client
import json
import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .. import contract
from . import contract_forms as forms
from . import contract_hosts as hosts
from . import contract_input as hostile_input
from . import contract_sessions as sessions
from .contract_headers import check_cookies, check_csp_met, check_headers
from .contract_http import (
    UNKNOWN,
    CheckFailure,
    Client,
    Credentials,
    Expectation,
    NotApplicable,
    expect,
    expect_no_error,
    expect_status,
)

__all__ = [
    "CheckFailure",
    "CheckResult",
    "Client",
    "Credentials",
    "Expectation",
    "checks_for",
    "run",
]

ESCAPE_PATHS = ("/static/../pyproject.toml", "/static/%2e%2e/wsgi.py", "/static/..%2f..%2fwsgi.py")
# The contract's own routes, from the one table of them.
INDEX, HEALTH, STYLESHEET = (
    contract.route_path(name) for name in ("index", "health", "stylesheet")
)
ROUTES = (INDEX, HEALTH, STYLESHEET)
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
    # The page shows the name HTML-escaped: an apostrophe may arrive as &#39; or &#x27;.
    shown = html.unescape(response.text)
    expect(expected.project_name in shown, f"GET {INDEX} lacks {expected.project_name!r}")
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


def check_methods(client: Client, expected: Expectation) -> None:
    """A method a route does not take answers 405 and says which it does."""
    wrong = [("POST", HEALTH), ("POST", INDEX)]
    if expected.full_stack:
        notes = expected.url("notes")
        wrong += [("PUT", notes), ("DELETE", notes), ("PATCH", notes)]
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
    "forged-host": hosts.check_forged_host,
    "version-banner": hosts.check_version_banner,
}
FULL_STACK_SAFETY_CHECKS: dict[str, Check] = {
    "csrf": forms.check_forged_post,
    "csrf-session": sessions.check_csrf_session,
    "note-limits": forms.check_note_limits,
    "invisible-notes": hostile_input.check_invisible_notes,
    "get-no-change": hostile_input.check_get_no_change,
    "multipart": hostile_input.check_multipart,
    "method-override": hostile_input.check_method_override,
    "concurrency": forms.check_concurrency,
    # These two log in: they need the account the checker made, and say so without it.
    "logout": sessions.check_logout,
    "login-redirects": hosts.check_login_redirects,
}


def checks_for(
    expected: Expectation, *, scope: Scope = "full", workers: bool = False
) -> dict[str, Check]:
    """The checks that apply to a project, in the order they run.

    ``scope="routes"`` is the contract's routes only (fast: for a development
    server); ``"full"`` adds "Safe to deploy" (headers, HEAD, cookies, 405,
    malformed input, forged Host, version banners, redirects and, for
    full-stack, CSRF, hostile notes, login and logout, concurrent writes).
    ``workers`` adds the check that several server processes share the notes
    (for a multi-process server). ``redirects`` and ``cookies`` run last: they
    also judge what every other check received.
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
        checks["redirects"] = hosts.check_redirects
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
        except NotApplicable as reason:
            passed, detail = True, f"not applicable: {reason}"
        except ConnectionRefusedError as exc:
            passed, detail = False, f"a request failed: {exc!r} (is the server still running?)"
        except (OSError, http.client.HTTPException) as exc:
            passed, detail = False, f"a request failed: {exc!r}"
        else:
            passed, detail = True, ""
        results.append(CheckResult(name, passed, detail, time.perf_counter() - started))
    return results
