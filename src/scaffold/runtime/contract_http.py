"""The HTTP side of the contract checks: a small client, and what a check expects.

The client speaks to the server with ``http.client`` (and a raw socket for HEAD),
not ``urllib``, so the checks see every ``Set-Cookie`` header, can send any method
and any bytes, and notice a body that a server sends after a HEAD response.
Standard library only.
"""

from __future__ import annotations

import email.message
import http.client
import socket
import threading
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from ..contract import route_path

TIMEOUT = 30.0
# A path no starter serves: its answer is the 404 page.
UNKNOWN = "/no-such-page"
# After a HEAD response's headers, how long to wait for bytes that should not come.
HEAD_GRACE = 1.0


class CheckFailure(Exception):
    """A contract check found the project wanting."""


class NotApplicable(Exception):
    """A check that cannot run for this project: the sentence says what it lacks."""


@dataclass(frozen=True)
class Credentials:
    """An account the checker created with the template's admin account command."""

    username: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class Expectation:
    """What the contract expects of one project."""

    framework: str
    project_name: str
    full_stack: bool = False
    urls: Mapping[str, str] | None = None
    # An administrator account made for the checks; the login and logout checks need it.
    admin: Credentials | None = None

    def url(self, name: str) -> str:
        """The path of a full-stack page (``notes``, ``login``, ``admin``)."""
        return (self.urls or {}).get(name) or route_path(name)


@dataclass(frozen=True)
class Response:
    """One answer: status, media type, headers (case-insensitive) and body."""

    status: int
    content_type: str
    headers: email.message.Message
    text: str


@dataclass(frozen=True)
class CookieRecord:
    """The ``Set-Cookie`` headers of one response, and the request that got them."""

    request: str
    headers: tuple[str, ...]


@dataclass(frozen=True)
class RedirectRecord:
    """A ``Location`` header, the request that got it and the ``Host`` that request sent."""

    request: str
    host: str
    location: str


@dataclass
class CookieLog:
    """Every ``Set-Cookie`` and ``Location`` header the clients of one run received.

    Thread-safe. The cookie and redirect checks read it after the other checks ran.
    """

    records: list[CookieRecord] = field(default_factory=list)
    redirects: list[RedirectRecord] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, request: str, headers: tuple[str, ...]) -> None:
        if headers:
            with self.lock:
                self.records.append(CookieRecord(request, headers))

    def add_redirect(self, request: str, host: str, location: str) -> None:
        with self.lock:
            self.redirects.append(RedirectRecord(request, host, location))


class Client:
    """A browser-like client: keeps cookies, never follows redirects, sends Origin on POST."""

    def __init__(self, base_url: str, log: CookieLog | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        parts = urllib.parse.urlsplit(self.base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.cookies: dict[str, str] = {}
        self.log = log if log is not None else CookieLog()

    @property
    def netloc(self) -> str:
        """The ``Host`` header this client sends (``http.client`` drops port 80)."""
        return self.host if self.port == 80 else f"{self.host}:{self.port}"

    def fresh(self) -> Client:
        """A new client with no cookies, reporting to the same cookie log."""
        return Client(self.base_url, self.log)

    def request(
        self,
        path: str,
        data: Mapping[str, str] | None = None,
        *,
        method: str | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """Send one request on a new connection; ``data`` is sent as a urlencoded form."""
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
        method = method or ("POST" if body is not None else "GET")
        sent = self._headers(method, body, headers)
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            raw = answer.read()
        finally:
            connection.close()
        cookies = tuple(answer.headers.get_all("Set-Cookie") or ())
        self._remember(f"{method} {path}", cookies)
        for location in answer.headers.get_all("Location") or ():
            self.log.add_redirect(f"{method} {path}", sent.get("Host", self.netloc), location)
        content_type = (answer.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        text = raw.decode("utf-8", "replace")
        return Response(answer.status, content_type, answer.headers, text)

    def head(self, path: str) -> tuple[int, bytes]:
        """HEAD ``path`` over a raw socket; return the status and any bytes after the headers.

        ``http.client`` and ``urllib`` never read a body after HEAD, so they cannot see a
        server that sends one (which corrupts the next response on a kept-alive connection).
        """
        request = (
            f"HEAD {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"{self._cookie_line()}Connection: close\r\n\r\n"
        ).encode("latin-1")
        received = b""
        with socket.create_connection((self.host, self.port), timeout=TIMEOUT) as sock:
            sock.sendall(request)
            deadline = time.monotonic() + TIMEOUT
            while b"\r\n\r\n" not in received and time.monotonic() < deadline:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
            sock.settimeout(HEAD_GRACE)
            try:
                while chunk := sock.recv(65536):
                    received += chunk
            except TimeoutError:
                pass
        head, _, rest = received.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        try:
            status = int(lines[0].split()[1])
        except (IndexError, ValueError):
            raise CheckFailure(f"HEAD {path} got no HTTP status line: {lines[0]!r}") from None
        cookies = tuple(
            line.split(":", 1)[1].strip()
            for line in lines[1:]
            if line.lower().startswith("set-cookie:")
        )
        self._remember(f"HEAD {path}", cookies)
        return status, rest

    def _headers(
        self, method: str, body: bytes | None, extra: Mapping[str, str] | None
    ) -> dict[str, str]:
        sent: dict[str, str] = {}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if method not in ("GET", "HEAD"):
            # A browser sends Origin with every POST; Origin-checking starters rely on it.
            sent["Origin"] = self.base_url
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent.update(extra or {})
        return sent

    def _cookie_line(self) -> str:
        if not self.cookies:
            return ""
        return "Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()) + "\r\n"

    def _remember(self, request: str, cookies: tuple[str, ...]) -> None:
        self.log.add(request, cookies)
        for header in cookies:
            cookie = parse_cookie(header)
            if cookie.deletes:
                self.cookies.pop(cookie.name, None)
            else:
                self.cookies[cookie.name] = cookie.value


@dataclass(frozen=True)
class Cookie:
    """One ``Set-Cookie`` header: name, value, and its attributes (names lowercased)."""

    name: str
    value: str
    attributes: Mapping[str, str]

    @property
    def deletes(self) -> bool:
        """Whether the header removes the cookie (expired, or ``Max-Age=0``)."""
        if self.attributes.get("max-age", "").strip().lstrip("-").isdigit():
            return int(self.attributes["max-age"]) <= 0
        expires = self.attributes.get("expires")
        if expires:
            try:
                return parsedate_to_datetime(expires).timestamp() < time.time()
            except (TypeError, ValueError):
                return False
        return False


def parse_cookie(header: str) -> Cookie:
    """Split a ``Set-Cookie`` header into its name, value and attributes."""
    pair, *attributes = header.split(";")
    name, _, value = pair.partition("=")
    parsed: dict[str, str] = {}
    for attribute in attributes:
        key, _, attribute_value = attribute.strip().partition("=")
        parsed[key.strip().lower()] = attribute_value.strip()
    return Cookie(name.strip(), value.strip().strip('"'), parsed)


def expect(condition: bool, message: str) -> None:
    """Fail the running check with ``message`` unless ``condition`` holds."""
    if not condition:
        raise CheckFailure(message)


def expect_status(response: Response, status: int, what: str) -> None:
    expect(response.status == status, f"{what} answered {response.status}, expected {status}")


def expect_no_error(response: Response, what: str) -> None:
    expect(response.status < 500, f"{what} answered {response.status}, a server error")
