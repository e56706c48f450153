"""ASGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``uvicorn asgi:application``. ASGI is WSGI's asynchronous
successor: the server hands each request to the app as a coroutine, so one
process serves many connections at once while each awaits the network or the
database.
"""

from {{ cookiecutter.package_name }}.app import create_app

# create_app() reads the settings (the environment, then .env) and refuses to
# start without APP_SECRET_KEY, which signs the CSRF tokens. Importing this file
# never changes the database: `python -m {{ cookiecutter.package_name }} migrate` does.
application = create_app()
