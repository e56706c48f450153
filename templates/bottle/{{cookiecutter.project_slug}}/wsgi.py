"""WSGI entry point.

A production server imports the callable named ``application`` from this file,
for example: ``waitress-serve wsgi:application``. A Bottle() object is itself
a WSGI application; app.py wraps it in the middleware that adds the security
headers, and that is the ``application`` served here.
"""

from {{ cookiecutter.package_name }}.app import SECRET_KEY, application

# Anyone who knows the secret key can forge signed cookies: a production server
# must not start without one of its own.
if not SECRET_KEY:
    raise RuntimeError(
        "SECRET_KEY is not set: copy .env.example to .env and fill it in,"
        " or set it in the environment."
    )

__all__ = ["application"]
