"""Tests of the environment-driven settings, the entry points and Django's own tools."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.core.management.utils import get_random_secret_key
from django.test import Client, override_settings

from {{ cookiecutter.package_name }}.settings.env import database_from_url

ROOT = Path(__file__).resolve().parents[1]


def deploy_check(settings_module):
    """Run ``manage.py check --deploy`` as a process with these settings would."""
    # Apply what that environment changed (the tests keep their own database).
    changed = {
        name: value
        for name, value in vars(settings_module).items()
        if name.isupper() and name != "DATABASES" and getattr(settings, name, None) != value
    }
    with override_settings(**changed):
        call_command("check", "--deploy", "--fail-level", "WARNING")


def test_debug_turns_on_from_the_environment(settings_from_env):
    assert settings_from_env(DJANGO_DEBUG="1").DEBUG is True


def test_development_defaults(settings_from_env):
    dev = settings_from_env()
    assert dev.SECRET_KEY == ""  # no key in the code: it comes from .env or the environment
    assert "127.0.0.1" in dev.ALLOWED_HOSTS
    assert dev.DATABASES["default"]["NAME"] == dev.BASE_DIR / "db.sqlite3"
    # Plain http keeps working locally: no redirect to https, no secure-only cookies.
    assert dev.SECURE_SSL_REDIRECT is False
    assert dev.SESSION_COOKIE_SECURE is False


def test_settings_read_the_environment(settings_from_env):
    prod = settings_from_env(
        DJANGO_SECRET_KEY="from-the-environment",
        DJANGO_ALLOWED_HOSTS="example.com, www.example.com",
        DATABASE_URL="sqlite:////srv/data/notes.sqlite3",
        DJANGO_BEHIND_HTTPS_PROXY="1",
    )
    assert prod.SECRET_KEY == "from-the-environment"
    assert prod.ALLOWED_HOSTS == ["example.com", "www.example.com"]
    assert prod.DATABASES["default"]["NAME"] == Path("/srv/data/notes.sqlite3")
    assert prod.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///db.sqlite3", {"NAME": Path("/app/db.sqlite3")}),
        ("sqlite:///:memory:", {"NAME": ":memory:"}),
        ("sqlite://:memory:", {"NAME": ":memory:"}),
        (
            "postgres://ada:p%40ss@db.example.com:5432/notes",
            {"NAME": "notes", "USER": "ada", "PASSWORD": "p@ss", "HOST": "db.example.com"},
        ),
    ],
)
def test_database_from_url(url, expected):
    database = database_from_url(url, base_dir=Path("/app"))
    assert database.items() >= expected.items()


def test_database_url_with_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="unsupported scheme"):
        database_from_url("oracle://db/notes", base_dir=Path("/app"))


def test_development_settings_fail_deploy_checks(settings_from_env):
    # `check --deploy` lists what production still needs: a real secret key, HTTPS...
    with pytest.raises(SystemCheckError, match="SECRET_KEY"):
        deploy_check(settings_from_env())


def test_production_settings_pass_deploy_checks(settings_from_env):
    deploy_check(
        settings_from_env(
            DJANGO_SECRET_KEY=get_random_secret_key(),
            DJANGO_DEBUG="0",
            DJANGO_ALLOWED_HOSTS="example.com",
            DJANGO_HTTPS="1",
            DJANGO_HSTS_SECONDS="31536000",
            DJANGO_HSTS_INCLUDE_SUBDOMAINS="1",
            DJANGO_HSTS_PRELOAD="1",
        )
    )


def test_login_cookie_is_secure_behind_https(settings_from_env):
    prod = settings_from_env(DJANGO_HTTPS="1")
    assert prod.SESSION_COOKIE_SECURE is True
    assert prod.CSRF_COOKIE_SECURE is True
    assert prod.SECURE_SSL_REDIRECT is True


def test_health_answers_plain_http_when_https_redirects(client, settings):
    # The container's health check asks http://127.0.0.1:8000/health from inside.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/health").status_code == 200


def run_python(code, tmp_path, **environ):
    """Run Python code in a fresh process at the project root, without .env.

    The process sees only the settings variables given here, as a fresh clone
    (which has no .env) would.
    """
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name != "DATABASE_URL"
    }
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **environ)
    no_dotenv = "import dotenv; dotenv.load_dotenv = lambda *args, **kwargs: False; "
    return subprocess.run(
        [sys.executable, "-c", no_dotenv + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_wsgi_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_python("import wsgi", tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY is not set: "
        "copy .env.example to .env and fill it in, or set it in the environment."
    )


def test_importing_wsgi_never_changes_the_schema(tmp_path):
    result = run_python("import wsgi", tmp_path, DJANGO_SECRET_KEY=get_random_secret_key())
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "db.sqlite3").exists()


def test_migrate_creates_the_schema_and_is_idempotent(tmp_path):
    migrate = "from {{ cookiecutter.package_name }}.__main__ import main; main(['migrate'])"
    first = run_python(migrate, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Applying notes.0001_initial... OK" in first.stdout
    again = run_python(migrate, tmp_path)
    assert again.returncode == 0, again.stderr
    assert "No migrations to apply." in again.stdout
    with sqlite3.connect(tmp_path / "db.sqlite3") as database:
        tables = {row[0] for row in database.execute("select name from sqlite_master")}
    assert {"notes_note", "auth_user", "django_session"} <= tables


def test_collectstatic_then_whitenoise_serves_the_files(tmp_path):
    # What a deploy (and the Docker image) runs before starting the servers:
    # collectstatic fills STATIC_ROOT, where WhiteNoise serves from with DEBUG off.
    with override_settings(STATIC_ROOT=tmp_path, WHITENOISE_USE_FINDERS=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        assert (tmp_path / "style.css").exists()
        assert (tmp_path / "style.css.gz").exists()
        assert (tmp_path / "admin" / "css" / "base.css").exists()
        response = Client().get("/static/style.css", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        b"".join(response.streaming_content)  # read to the end, which closes the file
