"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application`` or ``gunicorn -w 2 wsgi:application``.
Importing it loads the apps and never changes the database: run
``python -m {{ cookiecutter.package_name }} migrate`` first.
"""

from {{ cookiecutter.package_name }} import create_app

application = create_app()
