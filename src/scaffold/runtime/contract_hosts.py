"""Where a starter sends the browser: forged Host headers, redirects, version banners.

A starter must not write a ``Host`` it did not validate into a link or a redirect,
must never redirect off the site (whatever ``next`` or the path says), and must
not name its server's or framework's version. Standard library only.
"""

from __future__ import annotations

import re
import urllib.parse
from html.parser import HTMLParser

from ..contract import route_path
from .contract_forms import marker, note_form
from .contract_http import (
    UNKNOWN,
    Client,
    Credentials,
    Expectation,
    Response,
    expect,
    expect_no_error,
    expect_status,
)
from .contract_sessions import account, log_in

EVIL = "evil.example"
FORGED_HOSTS = (("Host", EVIL), ("X-Forwarded-Host", EVIL))
# Headers that send a browser somewhere, or tell it where a page is.
URL_HEADERS = ("Location", "Content-Location", "Refresh", "Link")
# Paths that a careless "add (or remove) a slash" redirect turns into a link off the site.
ODD_PATHS = (
    "//evil.example/",
    "//evil.example/%2e%2e",
    "///evil.example/",
    "/\\evil.example/",
    "/%5Cevil.example/",
    "/%2F%2Fevil.example/",
    "/\\/evil.example/",
    "/%09/evil.example/",
)
# What an attacker puts in ``next``: each one, followed, leaves the site in some browser.
HOSTILE_TARGETS = (
    "//evil.example",
    "https://evil.example/",
    "http:evil.example",
    "https:evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/\tevil.example",
    "/%09/evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "///evil.example",
    "/%2F%2Fevil.example",
    "javascript:alert(1)",
    "/\nX",
)
# Those tried with a real login (each login costs the server a password hash).
LOGIN_TARGETS = (
    "//evil.example",
    "https://evil.example/",
    "http:evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/\tevil.example",
    "///evil.example",
    "/%2F%2Fevil.example",
    "/\nX",
)
# The names starters give the page to return to after logging in (or out).
NEXT_NAMES = ("next", "_next", "came_from", "camefrom", "redirect_to", "return_to", "return_url")
FAILED_LOGINS = 3  # hostile targets tried with a wrong password (each costs a password hash)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
SERVERS = (
    "cherrypy|cheroot|django|flask|werkzeug|bottle|waitress|gunicorn|zope|grok|turbogears|tg2"
    r"|py4web|web2py|web\.py|webob|bobo|pyramid|python|cpython|wsgiserver|rocket|ombott|uwsgi"
)
NUMBER = r"v?\d+(?:\.\d+)+"
NAMED = rf"(?<![\w.-])(?:{SERVERS})[\s/-]*{NUMBER}"
PRODUCT = rf"(?<![\w.-])(?!https?/)[a-z][\w.-]*/{NUMBER}"
# In a page: a server's or framework's name and a number ("Powered by CherryPy 18.9").
NAMED_VERSION = re.compile(NAMED, re.IGNORECASE)
# In a header, also any "product/1.2" (in a page it may be a harmless link to docs/5.0/).
HEADER_VERSION = re.compile(f"{PRODUCT}|{NAMED}", re.IGNORECASE)
BANNER_HEADERS = ("Server", "X-Powered-By")


class _Urls(HTMLParser):
    """Every attribute of every tag that names a host (an href, a form's action, a <base>)."""

    def __init__(self, host: str) -> None:
        super().__init__()
        self.host = host
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and self.host in value.lower():
                self.found.append(f"the {name} of <{tag}>")


def _pages(expected: Expectation) -> list[str]:
    """The pages of the site: home, the 404 page and, full-stack, notes, login and admin."""
    pages = [route_path("index"), UNKNOWN]
    if expected.full_stack:
        urls = expected.urls or {}
        pages.append(expected.url("notes"))
        pages += [expected.url(name) for name in ("login", "admin") if name in urls]
    return list(dict.fromkeys(pages))


def _slash_toggled(path: str) -> str:
    """The path with a trailing slash added or removed: what "append slash" redirects."""
    return path.rstrip("/") if path.endswith("/") else path + "/"


def forged_host_problem(response: Response) -> str | None:
    """Where the answer writes the forged host, unless it refused it (400)."""
    if response.status == 400:
        return None
    for name in URL_HEADERS:
        for value in response.headers.get_all(name) or ():
            if EVIL in str(value).lower():
                return f"{name}: {value}"
    if response.content_type in ("text/html", "application/xhtml+xml"):
        finder = _Urls(EVIL)
        finder.feed(response.text)
        if finder.found:
            return f"{EVIL} in {finder.found[0]}"
    return None


def check_forged_host(client: Client, expected: Expectation) -> None:
    """A forged Host (or X-Forwarded-Host) is refused (400) or appears in no link or redirect."""
    for header, value in FORGED_HOSTS:
        sent = {header: value}
        answers = [(f"GET {p}", client.fresh().request(p, headers=sent)) for p in _pages(expected)]
        if expected.full_stack:
            own = client.fresh()
            action, hidden = note_form(own, expected)
            post = own.request(action, {**hidden, "text": marker("host")}, headers=sent)
            answers.append((f"POST {action}", post))
        for request, answer in answers:
            problem = forged_host_problem(answer)
            expect(
                problem is None,
                f"{request} with {header}: {value} answered {answer.status} with {problem}",
            )


def location_problem(location: str, host: str) -> str | None:
    """Why a browser sent to ``location`` from a page on ``host`` could leave the site."""
    if CONTROL.search(location) or location != location.strip():
        return "a browser drops its control characters and spaces, and may leave the site"
    if location.startswith("/"):
        if location[1:2] in ("/", "\\"):
            return "a browser reads it as another host"
        return None
    parts = urllib.parse.urlsplit(location)
    scheme = parts.scheme.lower()
    absolute = scheme in ("http", "https") and location[len(scheme) :].startswith("://")
    if absolute and parts.netloc.lower() == host.lower():
        return None
    return "it is not a path on this site"


def expect_stays(response: Response, request: str, host: str) -> None:
    """Fail unless ``response`` is no server error and redirects, if at all, within the site."""
    expect_no_error(response, request)
    for location in response.headers.get_all("Location") or ():
        problem = location_problem(str(location), host)
        expect(problem is None, f"{request} redirected to {str(location)!a}: {problem}")


def _hostile(value: str) -> dict[str, str]:
    return dict.fromkeys(NEXT_NAMES, value)


def _with_query(path: str, value: str) -> str:
    return f"{path}?{urllib.parse.urlencode(_hostile(value))}"


def check_redirects(client: Client, expected: Expectation) -> None:
    """Odd paths, a hostile ``next`` and every redirect of the run stay on the site.

    Runs late: besides its own requests, it reads every Location header the
    other checks received (a login, a logout, a note posted).
    """
    toggled = [_slash_toggled(page) for page in _pages(expected) if page != "/"]
    for path in [*ODD_PATHS, *toggled]:
        expect_stays(client.fresh().request(path), f"GET {path}", client.netloc)
    urls = expected.urls or {}
    if expected.full_stack and "login" in urls:
        for value in HOSTILE_TARGETS:
            path = _with_query(expected.url("login"), value)
            expect_stays(client.fresh().request(path), f"GET {path}", client.netloc)
        stranger = Credentials(marker("nobody"), marker("wrong"))
        for value in HOSTILE_TARGETS[:FAILED_LOGINS]:
            answer = log_in(client.fresh(), expected, stranger, _hostile(value))
            what = f"a failed login with next={value!a}"
            expect_stays(answer, what, client.netloc)
    if expected.full_stack and "logout" in urls:
        for value in HOSTILE_TARGETS:
            path = _with_query(expected.url("logout"), value)
            expect_stays(client.fresh().request(path), f"GET {path}", client.netloc)
    for record in list(client.log.redirects):
        problem = location_problem(record.location, record.host)
        expect(
            problem is None,
            f"{record.request} redirected to {record.location!a}: {problem}",
        )


def check_login_redirects(client: Client, expected: Expectation) -> None:
    """Logging in with a hostile ``next`` lands on the site (a safe default), never off it."""
    credentials = account(expected, "login")
    login = expected.url("login")
    own = client
    for value in LOGIN_TARGETS:
        own = client.fresh()
        answer = log_in(own, expected, credentials, _hostile(value))
        what = f"logging in through {login} with next={value!a}"
        expect(
            300 <= answer.status < 400,
            f"{what} answered {answer.status}, expected a redirect to a page of the site",
        )
        expect_stays(answer, what, own.netloc)
        if "admin" in (expected.urls or {}):
            admin = expected.url("admin")
            expect_status(own.request(admin), 200, f"after {what}, GET {admin}")
    # Logged in already, some login pages redirect to ``next`` at once.
    for value in HOSTILE_TARGETS:
        again = _with_query(login, value)
        expect_stays(own.request(again), f"GET {again} when logged in", own.netloc)


def banner_problem(response: Response, request: str, *, page: bool) -> str | None:
    """Where ``response`` names a version: a header, or (``page``) the error page itself."""
    for name in BANNER_HEADERS:
        for value in response.headers.get_all(name) or ():
            if HEADER_VERSION.search(str(value)):
                return f"the {name} header of {request} names a version: {str(value)!r}"
    found = NAMED_VERSION.search(response.text) if page else None
    if found:
        return f"the page of {request} ({response.status}) names a version: {found.group()!r}"
    return None


def check_version_banner(client: Client, expected: Expectation) -> None:
    """Neither the Server header nor an error page (404, 405) says which version runs."""
    requests = [("GET", route_path("index"), False), ("GET", UNKNOWN, True)]
    requests.append(("POST", route_path("health"), True))
    if expected.full_stack:
        requests.append(("PUT", expected.url("notes"), True))
    for method, path, page in requests:
        body = b"" if method != "GET" else None
        answer = client.fresh().request(path, method=method, body=body)
        problem = banner_problem(answer, f"{method} {path}", page=page)
        expect(problem is None, problem or "")
