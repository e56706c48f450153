"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``.
"""

from {{ cookiecutter.package_name }} import create_app

application = create_app()

# Flask signs session cookies with the secret key: anyone who knows it can forge
# them. A production server must not start without one of its own.
if not application.secret_key:
    raise RuntimeError(
        "FLASK_SECRET_KEY is not set: copy .env.example to .env and fill it in,"
        " or set it in the environment."
    )
