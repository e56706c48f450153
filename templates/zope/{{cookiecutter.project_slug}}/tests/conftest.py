"""Shared pytest fixtures: the Zope application and a WebTest client for it.

Zope configures itself once per process (one database, one component
registry), so the whole test session shares one application, started on a
fresh database in a temporary folder.
"""

import os
from pathlib import Path

import pytest
import webtest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def wsgi_app(tmp_path_factory):
    """The WSGI application, on a temporary FileStorage."""
    os.environ["ZODB_PATH"] = str(tmp_path_factory.mktemp("var") / "Data.fs")
    os.environ.pop("ZOPE_DEBUG", None)
    from {{ cookiecutter.package_name }}.instance import make_app

    return make_app(instance_home=PROJECT)


@pytest.fixture
def client(wsgi_app):
    """WebTest's client: makes requests without running a server."""
    return webtest.TestApp(wsgi_app)
