"""The smallest Django app with the starter's /health route: the reference for overhead.

One file, settings.configure() instead of a settings module, in a production
configuration: DEBUG off, and the middleware ``django-admin startproject``
enables by default, since a production Django has them (the apps those need
are installed). No database is configured: /health never touches one.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="minimal-benchmark-app-not-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
)


def health(request):
    return JsonResponse({"status": "ok", "framework": "django"})


urlpatterns = [path("health", health)]

application = get_wsgi_application()
