"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application`` or ``gunicorn wsgi:application``.
Importing it starts Zope for the instance in this directory (etc/zope.conf) and
opens its database, which ``python -m {{ cookiecutter.package_name }} migrate`` must have set up
first: importing this file never changes the database (before migrate, the
site answers 503 and says so on standard error).
"""

import sys
from pathlib import Path

from {{ cookiecutter.package_name }}.instance import SetupError, make_app

try:
    application = make_app(instance_home=Path(__file__).resolve().parent)
except SetupError as error:
    # One sentence that says what to do, instead of a traceback. Exit status 3
    # is what gunicorn's master reads as "a worker could not boot": it stops,
    # instead of starting new workers that would fail the same way.
    print(error, file=sys.stderr)
    sys.exit(3)
