"""Tests of the environment-driven settings and of Django's deployment checks."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.core.management.utils import get_random_secret_key
from django.test import override_settings

from {{ cookiecutter.package_name }}.settings.env import database_from_url


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
    assert dev.SECRET_KEY.startswith("django-insecure-")
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
