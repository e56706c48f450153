"""
ASGI config for {{ cookiecutter.project_name }}, for async servers such as uvicorn or daphne.

It exposes the ASGI callable as a module-level variable named ``application``.
See https://docs.djangoproject.com/en/stable/howto/deployment/asgi/
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ cookiecutter.package_name }}.settings")

application = get_asgi_application()
