"""Tests of the notes app: the model, the form, CSRF and the admin."""

import re

import pytest
from django.test import Client

from {{ cookiecutter.package_name }}.notes.forms import NoteForm
from {{ cookiecutter.package_name }}.notes.models import Note

pytestmark = pytest.mark.django_db


def test_notes_are_listed_newest_first():
    Note.objects.create(text="first")
    Note.objects.create(text="second")
    assert [note.text for note in Note.objects.all()] == ["second", "first"]


def test_form_requires_text():
    form = NoteForm(data={"text": ""})
    assert not form.is_valid()
    assert "text" in form.errors


def test_empty_note_shows_the_form_again(client):
    response = client.post("/notes", {"text": ""})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Note.objects.exists()


def test_blank_note_is_refused(client):
    response = client.post("/notes", {"text": " \t  "})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Note.objects.exists()


def test_form_states_the_length_limit(client):
    page = client.get("/notes").text
    assert 'maxlength="500"' in page
    assert "At most 500 characters." in page


def test_note_of_500_characters_is_kept(client):
    assert client.post("/notes", {"text": "x" * 500}).status_code == 303
    assert Note.objects.get().text == "x" * 500


def test_note_over_500_characters_is_refused(client):
    response = client.post("/notes", {"text": "x" * 501})
    assert response.status_code == 200
    assert "at most 500 characters" in response.text
    assert not Note.objects.exists()


def test_note_with_nul_is_refused(client):
    response = client.post("/notes", {"text": "a\x00b"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text
    assert not Note.objects.exists()


def test_repeated_and_unexpected_fields_are_harmless(client):
    response = client.post("/notes", {"text": ["one", "two"], "extra": "ignored"})
    assert response.status_code == 303
    assert [note.text for note in Note.objects.all()] == ["two"]


def test_malformed_post_is_not_5xx(client):
    response = client.post(
        "/notes", b"text=%ff%fe&x=\xff", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500


def test_large_body_is_refused(client):
    response = client.post("/notes", {"text": "x" * (1024 * 1024 + 1)})
    assert response.status_code == 400
    assert not Note.objects.exists()


def test_post_with_the_pages_csrf_token_is_accepted():
    # What a browser does: get the page (and its CSRF cookie), post its hidden token back.
    client = Client(enforce_csrf_checks=True)
    page = client.get("/notes").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post("/notes", {"text": "hello", "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert Note.objects.get().text == "hello"


def test_saved_note_shows_a_message(client):
    response = client.post("/notes", {"text": "hello"}, follow=True)
    assert "Note saved." in response.text


def test_admin_lists_notes(admin_client):
    Note.objects.create(text="visible in the admin")
    response = admin_client.get("/admin/notes/note/")
    assert response.status_code == 200
    assert "visible in the admin" in response.text


def test_login_then_admin(client, django_user_model):
    password = "correct horse battery"
    django_user_model.objects.create_superuser("ada", password=password)
    response = client.post("/accounts/login/", {"username": "ada", "password": password})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_login_from_another_site_is_refused(django_user_model):
    password = "correct horse battery"
    django_user_model.objects.create_superuser("ada", password=password)
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "ada", "password": password})
    assert response.status_code == 403
    assert "sessionid" not in response.cookies


def test_login_starts_a_new_session(client, django_user_model):
    # Session fixation: a session id known before login must not survive it.
    password = "correct horse battery"
    django_user_model.objects.create_superuser("ada", password=password)
    session = client.session  # a session, and its cookie, before logging in
    session["visited"] = True
    session.save()
    before = session.session_key
    response = client.post("/accounts/login/", {"username": "ada", "password": password})
    cookie = response.cookies["sessionid"]
    assert cookie.value != before
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_csrf_cookie_is_httponly_and_lax(client):
    cookie = client.get("/notes").cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_logout_is_a_post_from_this_site(django_user_model):
    password = "correct horse battery"
    django_user_model.objects.create_superuser("ada", password=password)
    client = Client(enforce_csrf_checks=True)
    client.login(username="ada", password=password)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 403  # forged: no token
    page = client.get("/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302


# Characters that show nothing: zero-width space and joiners, the byte-order mark,
# word joiner, Hangul fillers, no-break and Mongolian vowel separators, braille blank.
INVISIBLE = [
    "\u200b",
    "\ufeff",
    "\u3164",
    "\u2060",
    "\u00a0",
    "\u180e",
    "\u200d\u200c",
    "\u115f\u1160\uffa0",
    "\u2800",
    "\u034f",
    "\u202e",
    " \u200b\t\n\u3164 \ufeff\r\n\u2060\u00a0 ",
]


@pytest.mark.parametrize(
    "text", INVISIBLE, ids=lambda text: "+".join(f"U{ord(c):04X}" for c in text)
)
def test_note_without_a_visible_character_is_refused(client, text):
    response = client.post("/notes", {"text": text})
    assert response.status_code == 200
    # Spaces that str.strip removes leave the field empty: "This field is required."
    assert "Write at least one visible character." in response.text or (
        "This field is required." in response.text
    )
    assert not Note.objects.exists()


@pytest.mark.parametrize("text", ["\u200bhi", "é", "\u3164x", "日本", "🙂"])
def test_note_with_a_visible_character_is_kept(client, text):
    assert client.post("/notes", {"text": text}).status_code == 303
    assert Note.objects.get().text == text


def test_get_with_the_forms_fields_adds_nothing(client):
    page = client.get("/notes").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.get("/notes", {"text": "x", "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert not Note.objects.exists()


@pytest.mark.parametrize(
    "body",
    [b'--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi', b"garbage"],
)
def test_multipart_without_a_boundary_is_4xx(client, body):
    response = client.post("/notes", body, content_type="multipart/form-data")
    assert 400 <= response.status_code < 500
    assert not Note.objects.exists()


def test_broken_multipart_body_is_not_5xx(client):
    body = b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi'  # no closing line
    response = client.post("/notes", body, content_type="multipart/form-data; boundary=b")
    assert response.status_code < 500


@pytest.mark.parametrize("method", ["put", "delete", "PATCH"])
def test_method_override_field_is_ignored(client, method):
    response = client.post("/notes", {"text": "hello", "_method": method})
    assert response.status_code == 303
    assert [note.text for note in Note.objects.all()] == ["hello"]


def test_message_cookie_is_httponly_and_lax(client):
    cookie = client.post("/notes", {"text": "hello"}).cookies["messages"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


HOSTILE_NEXT = [
    "/\\evil.example",
    "/%5Cevil.example",
    "//evil.example",
    "https://evil.example/",
    "/\tevil.example",
    "/\t/evil.example",
    "http:evil.example",
    "\\\\evil.example",
    "https:/evil.example",
    " //evil.example",
    "//evil.example@127.0.0.1",
]


def on_site(location):
    """A same-site path: one slash, not followed by a slash or backslash, no controls."""
    return (
        location.startswith("/")
        and location[1:2] not in ("/", "\\")
        and not any(ord(c) < 32 or ord(c) == 127 for c in location)
    )


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_never_redirects_off_site(client, django_user_model, target):
    password = "correct horse battery"
    django_user_model.objects.create_superuser("ada", password=password)
    response = client.post(
        "/accounts/login/", {"username": "ada", "password": password, "next": target}
    )
    assert response.status_code == 302
    assert on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_logout_never_redirects_off_site(admin_client, target):
    response = admin_client.post("/accounts/logout/", {"next": target})
    assert response.status_code == 302
    assert on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_admin_login_never_redirects_off_site(client, django_user_model, target):
    password = "correct horse battery"
    django_user_model.objects.create_superuser("ada", password=password)
    response = client.post(
        "/admin/login/", {"username": "ada", "password": password, "next": target}
    )
    assert response.status_code == 302
    assert on_site(response["Location"]), response["Location"]


def test_admin_logout_ends_the_session_on_the_server(django_user_model):
    # What a stolen cookie would do: replay the session after its owner logged out.
    password = "correct horse battery"
    django_user_model.objects.create_superuser("ada", password=password)
    client = Client(enforce_csrf_checks=True)
    page = client.get("/admin/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    client.post(
        "/admin/login/", {"username": "ada", "password": password, "csrfmiddlewaretoken": token}
    )
    page = client.get("/admin/").text
    assert 'action="/admin/logout/"' in page
    copied = Client()
    copied.cookies = client.cookies.__class__(client.cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post("/admin/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert copied.get("/admin/").status_code == 302
