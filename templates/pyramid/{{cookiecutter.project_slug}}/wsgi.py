"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``gunicorn -w 2 wsgi:application``. As Pyramid's deployment docs
write it: PasteDeploy reads production.ini and calls the factory it names,
``main()`` in {{ cookiecutter.package_name }}/__init__.py. Importing it never changes the
database: run ``python -m {{ cookiecutter.package_name }} migrate`` first. Without
SECRET_KEY (in the environment or .env) it refuses to start.
"""

import os

from pyramid.paster import get_app, setup_logging

INI = os.path.join(os.path.dirname(os.path.abspath(__file__)), "production.ini")

setup_logging(INI)
application = get_app(INI, "main")
