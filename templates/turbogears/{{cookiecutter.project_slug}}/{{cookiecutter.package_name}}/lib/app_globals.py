"""The application's Globals object."""

__all__ = ["Globals"]


class Globals:
    """Values that live as long as the application and are shared by all requests.

    TurboGears makes one instance at start; code reads it as ``tg.app_globals``
    and templates as ``app_globals``. Keep its content read-only: every thread
    shares it.
    """

    project_name = "{{ cookiecutter.project_name }}"
