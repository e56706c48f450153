"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``. That server does the serving,
so CherryPy's own HTTP server is not started.
"""

import atexit

import cherrypy

from {{ cookiecutter.package_name }}.app import make_app

application = make_app()

cherrypy.server.unsubscribe()
cherrypy.config.update({"engine.autoreload.on": False})
# The engine runs CherryPy's plugins (tools such as sessions rely on them): start
# it here, and stop it when the server's process ends.
cherrypy.engine.start()
atexit.register(cherrypy.engine.exit)
