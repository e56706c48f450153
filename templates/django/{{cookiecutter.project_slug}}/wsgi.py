"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``. It is Django's own
``{{ cookiecutter.package_name }}/wsgi.py`` application, handed over after the
database is brought up to date.
"""

import os

from django.core.management import call_command

from {{ cookiecutter.package_name }}.wsgi import application

__all__ = ["application"]

# `migrate` applies only what the database still lacks, so the first start
# creates the tables and later starts change nothing. When several servers share
# one database, run `python manage.py migrate` as a deploy step instead and set
# DJANGO_MIGRATE_ON_START=0.
if os.environ.get("DJANGO_MIGRATE_ON_START", "1") != "0":
    call_command("migrate", interactive=False, verbosity=0)
