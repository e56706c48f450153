"""Shared pytest fixtures.

pytest-django brings Django's own: ``client`` (the test client), ``admin_client``
(one logged in as a superuser), ``settings``, and the ``django_db`` mark that
gives a test a fresh database.
"""

import importlib
import os

import dotenv
import pytest

from {{ cookiecutter.package_name }} import settings as project_settings


@pytest.fixture(autouse=True)
def tests_own_settings(settings):
    """What every test runs with, so that the tests never need a .env file.

    A secret key of the tests' own signs sessions and CSRF tokens, and WhiteNoise
    serves static files from their source folders, as with DEBUG on, so no
    ``collectstatic`` is needed first (test_settings.py tests collectstatic).
    """
    settings.SECRET_KEY = "tests-only-" + "k" * 50
    settings.WHITENOISE_USE_FINDERS = True
    settings.STATIC_ROOT = None  # nothing collected: WhiteNoise finds each file instead
    # A fast password hasher, as Django's testing docs advise: logins in tests take
    # microseconds instead of the deliberately slow production hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


@pytest.fixture
def settings_from_env(monkeypatch):
    """Evaluate the settings module again under environment variables a test sets.

    ``settings_from_env(DJANGO_DEBUG="1")`` returns the module as a fresh process
    would see it with only these settings variables set (``DJANGO_*`` and
    ``DATABASE_URL``) and no .env file. The module is reloaded with the real
    environment afterwards.
    """

    def load(**environ):
        for name in list(os.environ):
            if name == "DATABASE_URL" or (
                name.startswith("DJANGO_") and name != "DJANGO_SETTINGS_MODULE"
            ):
                monkeypatch.delenv(name)
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(dotenv, "load_dotenv", lambda *args, **kwargs: False)
        return importlib.reload(project_settings)

    yield load
    monkeypatch.undo()
    importlib.reload(project_settings)
