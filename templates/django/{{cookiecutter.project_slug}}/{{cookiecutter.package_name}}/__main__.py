"""Command line: ``python -m {{ cookiecutter.package_name }}`` serves, ``... migrate`` migrates.

- ``python -m {{ cookiecutter.package_name }} migrate`` creates or upgrades the database
  schema with Django's ``migrate`` (it applies only what is missing, so run it as often
  as you like: before every deploy, before starting the servers);
- ``python -m {{ cookiecutter.package_name }}`` is the development server: it migrates,
  collects the static files, then serves on 127.0.0.1:$PORT (default 8000).
"""

import argparse
import os

import django
from django.core.management import call_command


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m {{ cookiecutter.package_name }}")
    parser.add_argument(
        "command",
        nargs="?",
        choices=["serve", "migrate"],
        default="serve",
        help="serve (the default) or migrate",
    )
    command = parser.parse_args(argv).command
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ cookiecutter.package_name }}.settings")
    django.setup()
    call_command("migrate", interactive=False, verbosity=1 if command == "migrate" else 0)
    if command == "serve":
        # WhiteNoise serves static files from STATIC_ROOT when DEBUG is off.
        call_command("collectstatic", interactive=False, verbosity=0)
        port = os.environ.get("PORT", "8000")
        # Django's own development server, in a single process (no auto-reload);
        # use `python manage.py runserver` to reload on every change while you edit.
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)


if __name__ == "__main__":
    main()
