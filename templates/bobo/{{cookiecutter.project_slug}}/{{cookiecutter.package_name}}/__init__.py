"""{{ cookiecutter.project_name }}: a Bobo application.

The whole application lives in ``app.py``; ``python -m {{ cookiecutter.package_name }}`` serves it.
"""
