"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example ``gunicorn -w 2 wsgi:application`` or ``waitress-serve wsgi:application``.
It is Django's own ``{{ cookiecutter.package_name }}/wsgi.py`` application.

Importing it never touches the database: run ``python -m {{ cookiecutter.package_name }} migrate``
once before starting the servers (several workers migrating at once would collide).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from {{ cookiecutter.package_name }}.wsgi import application

__all__ = ["application"]

# Refuse to serve without a secret key: sessions, logins and CSRF tokens are
# signed with it. The settings, loaded by the import above, have read .env
# (development) into the environment; production sets the variable itself.
if not os.environ.get("DJANGO_SECRET_KEY"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set: copy .env.example to .env and fill it in, "
        "or set it in the environment."
    )
