"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``.
"""

from {{ cookiecutter.package_name }}.app import app

# wsgifunc() turns the web.py application into a standard WSGI callable.
application = app.wsgifunc()
