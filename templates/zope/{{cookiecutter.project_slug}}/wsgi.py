"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``. Importing it starts Zope for
the instance in this directory (etc/zope.conf) and opens its database.
"""

from pathlib import Path

from {{ cookiecutter.package_name }}.instance import make_app

application = make_app(instance_home=Path(__file__).resolve().parent)
