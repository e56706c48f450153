"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``. A Bottle() object is itself
a WSGI application.
"""

from {{ cookiecutter.package_name }}.app import app

application = app
