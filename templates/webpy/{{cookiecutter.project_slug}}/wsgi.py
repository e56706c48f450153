"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``.
"""

from {{ cookiecutter.package_name }}.app import SECRET_KEY, app

# web.py signs session cookies with the secret key: anyone who knows it can forge
# them. A production server must not start without one of its own.
if not SECRET_KEY:
    raise RuntimeError(
        "SECRET_KEY is not set: copy .env.example to .env and fill it in,"
        " or set it in the environment."
    )

# wsgifunc() turns the web.py application into a standard WSGI callable.
application = app.wsgifunc()
