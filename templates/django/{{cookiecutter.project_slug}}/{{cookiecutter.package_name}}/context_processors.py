"""Context processors add variables to every template (see TEMPLATES in settings)."""

from django.conf import settings


def project(request):
    """Give every template the variable ``project_name``."""
    return {"project_name": settings.PROJECT_NAME}
