"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``gunicorn -w 2 wsgi:application``. TurboGears apps are deployed
this way: PasteDeploy reads ``development.ini`` and calls the factory it names.
Importing it never changes the database: run ``python -m {{ cookiecutter.package_name }} migrate``
first. Without SECRET_KEY (in the environment or .env) it refuses to start.
"""

import os

from paste.deploy import loadapp

HERE = os.path.dirname(os.path.abspath(__file__))

application = loadapp("config:development.ini", relative_to=HERE)
