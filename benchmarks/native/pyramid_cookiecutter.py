"""Pyramid's reference: ``pyramid-cookiecutter-starter`` with its SQLAlchemy backend.

The project is made by Pyramid's own scaffolder, the cookiecutter template
https://github.com/Pylons/pyramid-cookiecutter-starter, with the answers that
match the starter: ``template_language=jinja2`` and ``backend=sqlalchemy``. The
template is not on PyPI, and scaffold does not ship a copy of it: this module
renders a local checkout, named by the environment variable
``PYRAMID_COOKIECUTTER_STARTER``::

    git clone https://github.com/Pylons/pyramid-cookiecutter-starter /tmp/pcs
    export PYRAMID_COOKIECUTTER_STARTER=/tmp/pcs
    python benchmarks/run.py --only native --frameworks pyramid

Without it, ``build`` raises ``Unavailable`` with that sentence (and ``available()``
says why beforehand), so the benchmark can skip the reference.

What is changed, and nothing else:

* ``/health``: a route in ``routes.py`` and a view with Pyramid's JSON renderer,
  as the cookiecutter writes its own view;
* ``/``: the cookiecutter's ``my_view`` as it is (it reads its MyModel row from
  the database and renders ``mytemplate.jinja2``);
* the database: the steps the cookiecutter prints after generating, run against
  ``production.ini``: ``alembic revision --autogenerate``, ``alembic upgrade
  head``, then its ``initialize_reference_db`` script (which adds the row);
* ``reference_wsgi.py``: Pyramid's ``get_app`` of ``production.ini`` (the
  cookiecutter's production settings: templates not reloaded, no debug toolbar),
  as Pyramid's deployment docs write a WSGI entry.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from scaffold.runtime.environments import Environment, install

VARIABLE = "PYRAMID_COOKIECUTTER_STARTER"
# The answers to the cookiecutter's questions (its project_name gives the package name).
ANSWERS = {"project_name": "reference", "template_language": "jinja2", "backend": "sqlalchemy"}
ROUTES_INCLUDEME = "    config.add_route('home', '/')\n"
HEALTH_ROUTE = "    config.add_route('health', '/health')\n"
HEALTH_VIEW = """

@view_config(route_name='health', renderer='json')
def health(request):
    return {'status': 'ok', 'framework': 'pyramid'}
"""
REFERENCE_WSGI = '''"""The reference's WSGI entry: production.ini, loaded by Pyramid's get_app."""
import os

from pyramid.paster import get_app

application = get_app(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "production.ini"), "main"
)
'''


class Unavailable(RuntimeError):
    """The reference cannot be built here (the cookiecutter checkout is not named)."""


def available() -> str | None:
    """None when the reference can be built, else the sentence that says why not."""
    checkout = os.environ.get(VARIABLE, "")
    if not checkout:
        return (
            f"{VARIABLE} is not set: clone https://github.com/Pylons/"
            "pyramid-cookiecutter-starter and set it to that folder to measure the reference."
        )
    if not (Path(checkout) / "cookiecutter.json").is_file():
        return f"{VARIABLE}={checkout} is not a checkout of pyramid-cookiecutter-starter."
    return None


def _run(command: list[str], cwd: Path) -> None:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if completed.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")


def build(environment: Environment, folder: Path) -> str:
    """Make the reference in ``folder``; return its WSGI entry, importable from there."""
    reason = available()
    if reason:
        raise Unavailable(reason)
    from cookiecutter.main import cookiecutter

    folder.parent.mkdir(parents=True, exist_ok=True)
    name = ANSWERS["project_name"]
    if folder.name != name:
        # The cookiecutter names the project's folder after its package.
        raise ValueError(f"{folder}: the reference's folder must be named {name!r}")
    cookiecutter(
        os.environ[VARIABLE],
        no_input=True,
        default_config=True,  # the user's ~/.cookiecutterrc changes nothing
        extra_context=ANSWERS,
        output_dir=str(folder.parent),
        overwrite_if_exists=False,
    )
    package = folder / name
    routes = package / "routes.py"
    source = routes.read_text(encoding="utf-8")
    if ROUTES_INCLUDEME not in source:
        raise RuntimeError(f"{routes}: the cookiecutter's home route is not the one expected")
    routes.write_text(source.replace(ROUTES_INCLUDEME, ROUTES_INCLUDEME + HEALTH_ROUTE), "utf-8")
    with open(package / "views" / "default.py", "a", encoding="utf-8") as views:
        views.write(HEALTH_VIEW)
    (folder / "reference_wsgi.py").write_text(REFERENCE_WSGI, encoding="utf-8")

    # The project's own dependencies; setuptools<82 as Pyramid's own cookiecutter tests
    # install it (Pyramid 2.1 reads assets with pkg_resources).
    install(environment, ["setuptools<82", "-e", str(folder)])
    alembic = str(environment.script("alembic"))
    _run([alembic, "-c", "production.ini", "revision", "--autogenerate", "-m", "init"], folder)
    _run([alembic, "-c", "production.ini", "upgrade", "head"], folder)
    _run([str(environment.script("initialize_reference_db")), "production.ini"], folder)
    return "reference_wsgi:application"
