"""Sessions: logging in through the login form, logging out, CSRF tokens bound to a session.

The checks that log in need an account: `scaffold check` and the end-to-end tests
create one with the template's ``_scaffold.admin_account`` command and pass it in
the ``Expectation``. Without one, or without the pages they need, the checks say
that they did not apply rather than pass in silence. Standard library only.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping

from .contract_forms import UNTESTED, Form, listing, marker, note_form, post_forms, target
from .contract_http import (
    CheckFailure,
    Client,
    Credentials,
    Expectation,
    NotApplicable,
    Response,
    expect,
    expect_status,
)

# What a page that needs a login may answer to a visitor without one.
REFUSED = (301, 302, 303, 307, 401, 403)


def account(expected: Expectation, *pages: str) -> Credentials:
    """The account made for the checks, or ``NotApplicable`` naming what is missing."""
    reasons = []
    if expected.admin is None:
        reasons.append("no admin account was made for the checks (_scaffold.admin_account)")
    missing = [f"urls.{name}" for name in pages if name not in (expected.urls or {})]
    if missing:
        reasons.append(f"the template declares no {' or '.join(missing)}")
    if expected.admin is None or reasons:
        raise NotApplicable("; ".join(reasons))
    return expected.admin


def login_form(
    client: Client, expected: Expectation, query: Mapping[str, str] | None = None
) -> tuple[str, Form]:
    """GET the login page (with ``query``); return where its password form posts, and the form."""
    login = expected.url("login")
    page_path = f"{login}?{urllib.parse.urlencode(query)}" if query else login
    page = client.request(page_path)
    expect_status(page, 200, f"GET {page_path}")
    form = next((f for f in post_forms(page.text) if f.first("password")), None)
    if form is None:
        raise CheckFailure(f"GET {login} has no <form method=post> with a password field")
    # A browser posts a form without an action to the page's own URL, query included.
    return target(page_path, form.action), form


def log_in(
    client: Client,
    expected: Expectation,
    credentials: Credentials,
    query: Mapping[str, str] | None = None,
) -> Response:
    """Log in as a person does: the password and the first text field, hidden fields kept."""
    action, form = login_form(client, expected, query)
    data = {**form.hidden, **form.submit}
    user = form.first("text", "email")
    if user:
        data[user] = credentials.username
    data[form.first("password") or "password"] = credentials.password
    return client.request(action, data)


def logged_in(client: Client, expected: Expectation, credentials: Credentials) -> Client:
    """A new client logged in as ``credentials``, proven by the admin page opening."""
    own = client.fresh()
    login, admin = expected.url("login"), expected.url("admin")
    answer = log_in(own, expected, credentials)
    expect(answer.status < 400, f"logging in through {login} answered {answer.status}")
    page = own.request(admin)
    expect(
        page.status == 200,
        f"after logging in through {login} with the created account, GET {admin} answered "
        f"{page.status}, expected 200",
    )
    return own


def logout_form(client: Client, expected: Expectation) -> tuple[str, Form]:
    """The POST form that logs out: on the admin page, the home page, the notes or its own page."""
    logout = expected.url("logout")
    wanted = urllib.parse.urlsplit(logout).path
    pages = list(dict.fromkeys([expected.url("admin"), "/", expected.url("notes"), logout]))
    for page in pages:
        for form in post_forms(client.request(page).text):
            action = target(page, form.action)
            if urllib.parse.urlsplit(action).path == wanted:
                return action, form
    raise CheckFailure(f"no <form method=post> posts to {logout} on {', '.join(pages)}")


def check_logout(client: Client, expected: Expectation) -> None:
    """After logging out, the session cookies copied before no longer open the admin page."""
    credentials = account(expected, "login", "admin", "logout")
    admin = expected.url("admin")
    own = logged_in(client, expected, credentials)
    copied = dict(own.cookies)
    action, form = logout_form(own, expected)
    answer = own.request(action, {**form.hidden, **form.submit})
    expect(answer.status < 400, f"logging out (POST {action}) answered {answer.status}")
    replay = client.fresh()
    replay.cookies = copied
    after = replay.request(admin)
    expect(
        after.status in REFUSED,
        f"the cookies copied before logging out still open {admin} ({after.status}): "
        "logout does not end the session on the server",
    )


def check_csrf_session(client: Client, expected: Expectation) -> None:
    """A CSRF token from one visitor's form is refused from another visitor (or no cookies)."""
    action, hidden = note_form(client.fresh(), expected)
    if not hidden:
        raise NotApplicable(f"the note form on {expected.url('notes')} has no hidden token")
    text = marker("stolen")
    other = client.fresh()
    note_form(other, expected)  # the other visitor's own cookies and session
    for thief, cookies in ((other, "its own cookies"), (client.fresh(), "no cookies")):
        answer = thief.request(action, {**hidden, "text": text})
        expect(
            400 <= answer.status < 500 and answer.status not in UNTESTED,
            f"POST {action} with the token of another visitor's form ({cookies}) answered "
            f"{answer.status}, expected 4xx: the token is not bound to the session",
        )
    expect(text not in listing(client, expected), "a note posted with another's token is listed")
