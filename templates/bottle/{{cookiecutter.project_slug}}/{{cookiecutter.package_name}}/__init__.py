"""{{ cookiecutter.project_name }}: a Bottle application.

The whole application lives in :mod:`{{ cookiecutter.package_name }}.app`.
"""
