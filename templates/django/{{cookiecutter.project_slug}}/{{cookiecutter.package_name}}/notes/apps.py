from django.apps import AppConfig


class NotesConfig(AppConfig):
    """The app's configuration: Django finds it in apps.py when the settings install the app."""

    name = "{{ cookiecutter.package_name }}.notes"
    label = "notes"
    verbose_name = "Notes"
