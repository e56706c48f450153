"""ASGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``uvicorn asgi:application`` (or ``hypercorn asgi:application``,
the server Quart's docs recommend). ASGI is WSGI's asynchronous successor: the
server hands each request to the app as a coroutine, so one process serves many
connections at once while each awaits the network.
"""

from {{ cookiecutter.package_name }} import create_app

application = create_app()

# Quart signs session cookies with the secret key: anyone who knows it can forge
# them. A production server must not start without one of its own.
if not application.secret_key:
    raise RuntimeError(
        "QUART_SECRET_KEY is not set: copy .env.example to .env and fill it in,"
        " or set it in the environment."
    )
