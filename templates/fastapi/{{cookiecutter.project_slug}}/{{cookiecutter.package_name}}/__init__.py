"""{{ cookiecutter.project_name }}: a FastAPI application.

The app itself is built in ``main.py``; FastAPI's "Bigger Applications" layout
keeps the path operations in ``routers/`` and what they share in
``dependencies.py``.
"""
