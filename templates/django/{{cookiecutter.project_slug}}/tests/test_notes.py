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
