"""Django's reference: ``django-admin startproject`` with the contract's two routes.

The project is left in its production configuration (DEBUG off), with a JSON
view at ``/health`` and a template view at ``/`` written the way Django's
tutorial writes them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from scaffold.runtime.environments import Environment

# Added to startproject's urls.py: the contract's two routes, as the tutorial writes views.
DJANGO_VIEWS = """
from django.http import JsonResponse
from django.shortcuts import render


def health(request):
    return JsonResponse({"status": "ok", "framework": "django"})


def index(request):
    return render(request, "index.html", {"name": request.GET.get("name", "")})


urlpatterns += [path("health", health), path("", index)]
"""
DJANGO_TEMPLATE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Reference</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body><h1>Reference</h1>{% if name %}<p>Hello, {{ name }}!</p>{% endif %}</body>
</html>
"""
DJANGO_SETTINGS = """
# The benchmark's production configuration.
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
TEMPLATES[0]["DIRS"] = [BASE_DIR / "templates"]
"""


def build(environment: Environment, folder: Path) -> str:
    """Make the reference in ``folder``; return its WSGI entry, importable from there."""
    folder.mkdir(parents=True)
    subprocess.run(
        [str(environment.script("django-admin")), "startproject", "reference", str(folder)],
        check=True,
        capture_output=True,
    )
    package = folder / "reference"
    with open(package / "urls.py", "a", encoding="utf-8") as urls:
        urls.write(DJANGO_VIEWS)
    with open(package / "settings.py", "a", encoding="utf-8") as settings:
        settings.write(DJANGO_SETTINGS)
    (folder / "templates").mkdir()
    (folder / "templates" / "index.html").write_text(DJANGO_TEMPLATE, encoding="utf-8")
    return "reference.wsgi:application"
