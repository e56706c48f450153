"""{{ cookiecutter.project_name }}: a Litestar application.

The app is built by ``create_app()`` in ``app.py``; its URLs are handled by the
controllers in ``controllers/``, its tables are in ``models.py`` and their
migrations in ``migrations/``.
"""
