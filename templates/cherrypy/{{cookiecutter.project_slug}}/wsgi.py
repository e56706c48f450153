"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``. That server does the serving,
so CherryPy's own HTTP server is not started.
"""

import atexit

import cherrypy

from {{ cookiecutter.package_name }}.app import SECRET_KEY, make_app

# Anyone who knows the secret key can forge what it signs: a production server
# must not start without one of its own.
if not SECRET_KEY:
    raise RuntimeError(
        "SECRET_KEY is not set: copy .env.example to .env and fill it in,"
        " or set it in the environment."
    )

application = make_app()

cherrypy.server.unsubscribe()
cherrypy.config.update({"engine.autoreload.on": False})
# The engine runs CherryPy's plugins (tools such as sessions rely on them): start
# it here, and stop it when the server's process ends.
cherrypy.engine.start()
atexit.register(cherrypy.engine.exit)
