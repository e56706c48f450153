"""
WSGI config for {{ cookiecutter.project_name }}.

It exposes the WSGI callable as a module-level variable named ``application``.
See https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ cookiecutter.package_name }}.settings")

application = get_wsgi_application()
