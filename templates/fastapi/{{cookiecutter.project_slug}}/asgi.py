"""ASGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``uvicorn asgi:application``. ASGI is WSGI's asynchronous
successor: the server hands each request to the app as a coroutine, so one
process serves many connections at once while each awaits the network.
"""

from {{ cookiecutter.package_name }}.config import get_settings
from {{ cookiecutter.package_name }}.main import app

# This starter signs nothing yet: it has no sessions or tokens. The starter
# contract still asks every production entry point for a secret, so that the
# first signed cookie you add (Starlette's SessionMiddleware takes secret_key=)
# has one, and each deployment gets its own from the first day. Anyone who knows
# the key could forge what it signs: a production server must not start without it.
if not get_settings().secret_key.get_secret_value().strip():
    raise RuntimeError(
        "APP_SECRET_KEY is not set: copy .env.example to .env and fill it in,"
        " or set it in the environment."
    )

# The callable servers import: the same app `fastapi dev` and `python -m` serve.
application = app
