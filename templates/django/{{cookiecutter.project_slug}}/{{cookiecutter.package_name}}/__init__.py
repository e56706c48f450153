"""{{ cookiecutter.project_name }}: a Django project.

This package is the Django *project*: settings, the root URLconf, the site-wide
views and templates, and the WSGI/ASGI entry points. The notes feature lives in
an *app*, ``{{ cookiecutter.package_name }}.notes``, that the settings install.
"""
