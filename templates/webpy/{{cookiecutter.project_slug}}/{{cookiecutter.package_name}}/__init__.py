"""{{ cookiecutter.project_name }}: a web.py application.

The whole application lives in ``app.py``; ``python -m {{ cookiecutter.package_name }}`` serves it.
"""
