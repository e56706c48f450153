"""The root URLconf: Django tries these patterns in order, top to bottom.

See https://docs.djangoproject.com/en/stable/topics/http/urls/
"""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("health", views.health, name="health"),
    # The notes app brings its own URL patterns (/notes).
    path("", include("{{ cookiecutter.package_name }}.notes.urls")),
    # Login, logout and password views from django.contrib.auth: /accounts/login/ ...
    path("accounts/", include("django.contrib.auth.urls")),
    # The admin site, generated from the models registered in each app's admin.py.
    path("admin/", admin.site.urls),
]
