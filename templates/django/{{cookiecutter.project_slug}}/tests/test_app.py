"""Tests for every route of the starter contract, through Django's test client."""

import re

import pytest
from django.test import Client

from {{ cookiecutter.package_name }}.notes.models import Note


def test_index_shows_project_name_and_stylesheet(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "{{ cookiecutter.project_name }}" in response.text
    assert re.search(r'<link rel="stylesheet" href="[^"]*/static/style\.css">', response.text)


def test_index_greets_by_name(client):
    response = client.get("/", {"name": "Ada"})
    assert "Hello, Ada" in response.text


def test_index_escapes_name(client):
    response = client.get("/", {"name": "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text
    assert "<b>x</b>" not in response.text


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == b'{"status": "ok", "framework": "django"}'


def test_stylesheet(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    # A file is streamed; reading it to the end also closes it.
    assert b"body" in b"".join(response.streaming_content)


def test_unknown_path_is_404(client):
    assert client.get("/no-such-page").status_code == 404


def test_static_path_cannot_escape(client):
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/%2e%2e/wsgi.py").status_code == 404
    assert client.get("/static/..%2f..%2fwsgi.py").status_code == 404


def test_debug_is_off_by_default(settings_from_env):
    assert settings_from_env().DEBUG is False


@pytest.mark.django_db
def test_notes_list(client):
    Note.objects.create(text="Buy milk")
    response = client.get("/notes")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert '<form method="post">' in response.text
    assert 'name="text"' in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert "Buy milk" in response.text


@pytest.mark.django_db
def test_create_note_redirects_303(client):
    # The plain test client skips CSRF checks; test_forged_post_is_refused turns them on.
    response = client.post("/notes", {"text": "<b>bold</b> plan"})
    assert response.status_code == 303
    assert response["Location"] == "/notes"
    page = client.get("/notes").text
    assert "&lt;b&gt;bold&lt;/b&gt; plan" in page
    assert "<b>bold</b>" not in page


@pytest.mark.django_db
def test_forged_post_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/notes", {"text": "forged"})
    assert response.status_code == 403
    assert not Note.objects.exists()


@pytest.mark.django_db
def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_login_page(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.text
