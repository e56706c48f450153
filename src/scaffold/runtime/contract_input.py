"""Hostile input to the note form: invisible notes, GETs, broken bodies, method overrides.

Each check first loads the form as a browser does, so the starter's CSRF token is
met and what is tested is the input itself. Standard library only.
"""

from __future__ import annotations

import re
import urllib.parse

from .contract_forms import listing, marker, note_form, post_note
from .contract_http import Client, Expectation, expect, expect_no_error, expect_status

# Notes with no visible character: format characters (zero-width, BOM, word joiner,
# soft hyphen), spaces that are not ASCII, Hangul fillers, alone or with whitespace.
INVISIBLE_NOTES = (
    "\u200b",
    "\ufeff",
    "\u3164",
    "\u2060",
    "\u00a0",
    "\u180e",
    " \u200b\t\ufeff\n",
    "\u3164\u3164\u3164",
    "\r\n\u2060 \u00a0\t",
    "\u200c\u200d",
    "\u2061\u2062\u2063\u2064",
    "\u00ad",
    "\u3000\u202f\u205f",
    "\u2028\u2029",
    "\u115f\u1160\uffa0",
)
# A list item's content, whether or not the page closes it with </li>.
ITEM = re.compile(r"<li\b[^>]*>(.*?)(?=<li\b|</li>|</ul>|</ol>)", re.DOTALL | re.IGNORECASE)
# Ways to ask a framework to treat a POST as another method.
OVERRIDES: tuple[tuple[str, dict[str, str], dict[str, str], str], ...] = (
    ("_method=put", {"_method": "put"}, {}, ""),
    ("_method=delete", {"_method": "delete"}, {}, ""),
    ("_method=PATCH", {"_method": "PATCH"}, {}, ""),
    ("?_method=DELETE", {}, {}, "_method=DELETE"),
    ("X-HTTP-Method-Override: PUT", {}, {"X-HTTP-Method-Override": "PUT"}, ""),
    ("X-HTTP-Method-Override: DELETE", {}, {"X-HTTP-Method-Override": "DELETE"}, ""),
    ("X-HTTP-Method: DELETE", {}, {"X-HTTP-Method": "DELETE"}, ""),
    ("X-Method-Override: PUT", {}, {"X-Method-Override": "PUT"}, ""),
)
PART = b'Content-Disposition: form-data; name="text"\r\n\r\n'
# multipart/form-data a parser must refuse (never with a server error).
BROKEN_MULTIPART = (
    ("no boundary", "multipart/form-data", b"text=x"),
    ("an empty boundary", "multipart/form-data; boundary=", b"--\r\n" + PART + b"x\r\n----\r\n"),
    ("an unclosed quoted boundary", 'multipart/form-data; boundary="', b"--\r\n"),
    ("a part that never ends", "multipart/form-data; boundary=b1", b"--b1\r\n" + PART + b"x"),
    ("a part without headers", "multipart/form-data; boundary=b1", b"--b1\r\n\r\nx\r\n--b1--\r\n"),
    ("no parts", "multipart/form-data; boundary=b1", b"garbage"),
    (
        "a 200-character boundary",
        "multipart/form-data; boundary=" + "b" * 200,
        b"--" + b"b" * 200 + b"\r\n" + PART + b"x\r\n--" + b"b" * 200 + b"--\r\n",
    ),
)


def _items(client: Client, expected: Expectation) -> list[str]:
    """The list items of the notes page (all of them: a capped list changes too)."""
    return ITEM.findall(listing(client, expected))


def check_invisible_notes(client: Client, expected: Expectation) -> None:
    """A note of only invisible characters is refused and never listed."""
    notes = expected.url("notes")
    # A visible note first, so that the listing is not an empty list's placeholder.
    expect_status(post_note(client, expected, marker("visible")), 303, f"POST {notes}")
    items = _items(client, expected)
    for text in INVISIBLE_NOTES:
        answer = post_note(client, expected, text)
        shown = ascii(text)
        expect_no_error(answer, f"POST {notes} with the note {shown}")
        expect(
            answer.status == 200 or 400 <= answer.status < 500,
            f"POST {notes} accepted the note {shown}, which has no visible character "
            f"({answer.status})",
        )
        expect(_items(client, expected) == items, f"the note {shown} was listed")


def check_get_no_change(client: Client, expected: Expectation) -> None:
    """A GET with the note form's fields, its token included, adds no note."""
    notes = expected.url("notes")
    before = _items(client, expected)
    action, hidden = note_form(client, expected)
    text = marker("get")
    query = urllib.parse.urlencode({**hidden, "text": text})
    for path in dict.fromkeys([action, notes]):
        answer = client.request(f"{path}{'&' if '?' in path else '?'}{query}")
        expect_no_error(answer, f"GET {path} with the form's fields")
    after = listing(client, expected)
    expect(
        text not in after and ITEM.findall(after) == before,
        f"GET {notes}?text=...&<the form's hidden fields> added a note: a GET changed something",
    )


def check_multipart(client: Client, expected: Expectation) -> None:
    """A multipart/form-data POST with no boundary or a broken body is 4xx, never 5xx."""
    action, _hidden = note_form(client, expected)
    for what, content_type, body in BROKEN_MULTIPART:
        answer = client.request(action, body=body, headers={"Content-Type": content_type})
        expect(
            400 <= answer.status < 500,
            f"POST {action} as multipart/form-data with {what} answered {answer.status}, "
            "expected 4xx",
        )


def check_method_override(client: Client, expected: Expectation) -> None:
    """``_method`` and override headers are ignored (a normal POST, 303) or refused (4xx)."""
    for what, fields, headers, query in OVERRIDES:
        action, hidden = note_form(client, expected)
        path = f"{action}{'&' if '?' in action else '?'}{query}" if query else action
        data = {**hidden, "text": marker("override"), **fields}
        answer = client.request(path, data, headers=headers)
        expect(
            answer.status == 303 or 400 <= answer.status < 500,
            f"POST {action} with {what} answered {answer.status}, expected 303 (a normal POST) "
            "or 4xx",
        )
