"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``. TurboGears apps are deployed
this way: PasteDeploy reads ``development.ini`` and calls the factory it names.
"""

import os

from paste.deploy import loadapp

HERE = os.path.dirname(os.path.abspath(__file__))

application = loadapp("config:development.ini", relative_to=HERE)
