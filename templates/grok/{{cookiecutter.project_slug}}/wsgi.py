"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``. Creating it opens the ZODB
(var/Data.fs unless $ZODB_PATH says otherwise) and creates it on first start.
"""

from {{ cookiecutter.package_name }} import make_application

application = make_application()
