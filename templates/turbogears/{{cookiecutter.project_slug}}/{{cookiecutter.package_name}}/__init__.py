"""{{ cookiecutter.project_name }}: a TurboGears 2 application."""
