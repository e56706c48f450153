"""{{ cookiecutter.project_name }}: a CherryPy application.

The whole application lives in :mod:`{{ cookiecutter.package_name }}.app`.
"""
