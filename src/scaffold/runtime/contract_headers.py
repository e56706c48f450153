"""What every response must carry: security headers, a CSP its pages meet, safe cookies.

Part of the contract checks (see ``conformance``). Standard library only.
"""

from __future__ import annotations

from html.parser import HTMLParser

from ..contract import route_path
from . import contract_forms as forms
from .contract_http import UNKNOWN, Client, Expectation, Response, expect, parse_cookie

INDEX = route_path("index")
# Pages, JSON, static files and errors.
HEADER_PATHS = (INDEX, route_path("health"), route_path("stylesheet"), UNKNOWN)


# Each is sent once: browsers combine two policies, or ignore a header given twice.
SECURITY_HEADER_NAMES = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
)


# The contract's values, the same in every starter, so that no starter drifts from the others:
# pages are never framed, and a link followed off the site tells nothing of the page it left.
REFERRER_POLICY = "same-origin"


def security_header_problems(response: Response) -> list[str]:
    """What the response lacks of the security headers, with the contract's values."""
    headers = response.headers
    policy = csp(response)
    problems = []
    if (headers.get("X-Content-Type-Options") or "").strip().lower() != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    frame = (headers.get("X-Frame-Options") or "").strip().upper()
    if frame != "DENY" and policy.get("frame-ancestors") != ["'none'"]:
        problems.append("no X-Frame-Options: DENY (or CSP frame-ancestors 'none')")
    referrer = (headers.get("Referrer-Policy") or "").strip().lower()
    if referrer != REFERRER_POLICY:
        problems.append(f"Referrer-Policy {referrer or 'missing'}, not {REFERRER_POLICY}")
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
    made, after visiting the pages itself (and, full-stack, posting a note and
    reading the page it leads to, where flash messages live) so that it means
    something alone. A header that deletes a cookie needs no flags.
    """
    for path in _pages(expected):
        client.fresh().request(path)
    if expected.full_stack:
        writer = client.fresh()
        posted = forms.post_note(writer, expected, forms.marker("cookies"))
        location = posted.headers.get("Location")
        if posted.status in (301, 302, 303) and location:
            writer.request(forms.target(expected.url("notes"), str(location)))
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
