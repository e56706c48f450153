"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``.
"""

from {{ cookiecutter.package_name }} import create_app

application = create_app()
