"""Run the development server: ``python -m {{ cookiecutter.package_name }}``."""

import os

import django
from django.core.management import call_command


def main() -> None:
    """Bring the database up to date, then serve on 127.0.0.1:$PORT (default 8000)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ cookiecutter.package_name }}.settings")
    django.setup()
    # `migrate` applies only the migrations the database still lacks: the first
    # start creates the tables (and db.sqlite3), later starts change nothing.
    call_command("migrate", interactive=False, verbosity=0)
    port = os.environ.get("PORT", "8000")
    # Django's own development server, in a single process (no auto-reload);
    # use `python manage.py runserver` to reload on every change while you edit.
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=False)


if __name__ == "__main__":
    main()
