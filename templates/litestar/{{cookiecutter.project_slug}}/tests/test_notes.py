"""Tests for the notes: the model, the form, its CSRF token and its limits."""

import asyncio

import pytest
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from {{ cookiecutter.package_name }}.database import migrate

from .conftest import csrf_token

INVISIBLE = ["   ", "\u200b", "\ufeff", "\u3164\u3164", " \u200b\t\u00a0\n", "\u2028\u2029"]


def post_note(client, text, **extra):
    """Post the note form as a browser does: load it, then send its token back."""
    token = csrf_token(client.get("/notes").text)
    return client.post(
        "/notes", data={"_csrf_token": token, "text": text, **extra}, follow_redirects=False
    )


def test_notes_page_lists_nothing_at_first(client):
    response = client.get("/notes")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "No notes yet." in response.text
    assert 'maxlength="500"' in response.text


def test_post_note_redirects_and_lists_it_escaped(client):
    response = post_note(client, "Remember <the milk> & eggs")
    assert response.status_code == 303
    assert response.headers["location"] == "/notes"
    assert "Remember &lt;the milk&gt; &amp; eggs" in client.get("/notes").text


def test_newest_note_first(client):
    post_note(client, "first")
    post_note(client, "second")
    page = client.get("/notes").text
    assert page.index("second") < page.index("first")


def test_post_without_csrf_token_is_refused(client):
    client.get("/notes")  # the CSRF cookie, but no token in the form
    response = client.post("/notes", data={"text": "forged"})
    assert response.status_code == 403
    assert "forged" not in client.get("/notes").text


def test_cross_site_post_without_cookies_is_refused(settings, app):
    from litestar.testing import TestClient

    with TestClient(app=app) as stranger:
        response = stranger.post(
            "/notes", data={"text": "forged"}, headers={"Origin": "http://evil.example"}
        )
    assert response.status_code == 403


def test_token_of_another_browser_is_refused(app, client):
    from litestar.testing import TestClient

    token = csrf_token(client.get("/notes").text)
    with TestClient(app=app) as other:
        other.get("/notes")  # its own CSRF cookie
        response = other.post("/notes", data={"_csrf_token": token, "text": "stolen"})
    assert response.status_code == 403


def test_csrf_cookie_is_httponly_and_lax(client):
    cookie = client.get("/notes").headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie or "samesite=lax" in cookie.lower()


@pytest.mark.parametrize("text", INVISIBLE)
def test_blank_or_invisible_note_is_refused(client, text):
    response = post_note(client, text)
    assert response.status_code == 400
    assert "Write something" in response.text
    assert "<li>" not in client.get("/notes").text


def test_note_of_500_characters_is_kept_and_501_refused(client):
    assert post_note(client, "x" * 500).status_code == 303
    response = post_note(client, "y" * 501)
    assert response.status_code == 400
    assert "at most 500" in response.text
    assert "y" * 501 not in client.get("/notes").text


@pytest.mark.parametrize("text", ["a\x00b", "bell\x07"])
def test_control_characters_are_refused(client, text):
    assert post_note(client, text).status_code == 400


@pytest.mark.parametrize("body", [b"text=%ff%fe", b"text=a&text=b", b"text"])
def test_malformed_form_is_not_a_server_error(client, body):
    token = csrf_token(client.get("/notes").text)
    response = client.post(
        "/notes",
        content=f"_csrf_token={token}&".encode() + body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code < 500


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("multipart/form-data", b"text=x"),
        ("multipart/form-data; boundary=b1", b"garbage"),
        (
            "multipart/form-data; boundary=b1",
            b'--b1\r\nContent-Disposition: form-data; name="text"',
        ),
        ('multipart/form-data; boundary="', b"--\r\n"),
    ],
)
def test_broken_multipart_is_4xx(client, content_type, body):
    client.get("/notes")
    response = client.post("/notes", content=body, headers={"Content-Type": content_type})
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("override", [{"_method": "DELETE"}, {"_method": "put"}])
def test_method_override_is_ignored(client, override):
    assert post_note(client, "kept", **override).status_code == 303
    assert "kept" in client.get("/notes").text


def test_get_with_the_form_fields_changes_nothing(client):
    token = csrf_token(client.get("/notes").text)
    client.get("/notes", params={"_csrf_token": token, "text": "by-get"})
    assert "by-get" not in client.get("/notes").text


def test_migrate_is_idempotent_and_creates_the_tables(settings):
    migrate(settings)  # the fixture migrated once already

    async def tables():
        engine = create_async_engine(settings.database_url)
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        await engine.dispose()
        return set(names)

    assert {"note", "user_account", "session_store", "alembic_versions"} <= asyncio.run(tables())
