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
