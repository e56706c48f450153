"""Context processors add variables to every template (see TEMPLATES in settings)."""

from django.conf import settings


def project(request):
    """Make ``{{ project_name }}`` available to every page."""
    return {"project_name": settings.PROJECT_NAME}
