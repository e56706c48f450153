"""TurboGears' reference: ``gearbox quickstart -a -s``, served in production mode.

The project is made by TurboGears' own scaffolder, ``gearbox quickstart`` from
tg.devtools, with the flags that match the starter:

* ``-a`` (``--auth``): authentication and authorization, that is repoze.who with
  TurboGears' login form and the User/Group/Permission model, as the starter has;
* ``-s`` (``--sqlalchemy``): SQLAlchemy with the transaction manager, and Alembic
  migrations (on by default; ``--disable-migrations`` is not given);
The positional name is ``folder.name``: gearbox makes the project in
``./<name>`` (it takes no output path) and derives the package name from it,
as a user's ``gearbox quickstart -a -s myapp`` makes the package ``myapp``.

Both flags are quickstart's defaults, written out so the command says what it
makes (issue 16 times the same ``gearbox quickstart -a -s``). The command asks no
questions and needs no network: it renders the templates that ship in tg.devtools.
Without ``--minimal`` the quickstart includes its demo (a todo list and a page
guarded by a permission): that is what a TurboGears user gets.

What is changed, and nothing else:

* ``/health``: a JSON method on the RootController, ``@expose('json')``
  returning a dict, as TurboGears' docs write a JSON action;
* ``/``: quickstart's index redirects to ``/demo``; here it renders that
  landing page itself (the quickstart's Kajiki layout, its todo list read from
  the database), since a redirect is not a page;
* ``production.ini``: development.ini with ``debug = false``, as its own
  warning asks for production (the debug bar and the interactive debugger off),
  and its commented-out ``auto_reload_templates = false`` switched on, as its
  comment advises for production (else Kajiki reads and compiles the templates
  again for every page: about 40 pages a second instead of about 1,100 here);
* the database: created with ``gearbox setup-app -c production.ini``, the
  quickstart's own way (tables, the example users, Alembic stamped);
* ``reference_wsgi.py``: PasteDeploy's ``loadapp`` of production.ini, which is
  how a quickstarted project is served by a WSGI server.

The quickstart's other settings stay as it writes them, Beaker sessions on
(cookie-backed) among them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from scaffold.runtime.environments import Environment, install, uninstall

# TurboGears' scaffolder; it brings gearbox with it.
DEVTOOLS = "tg.devtools"

QUICKSTART_INDEX = '''    @expose()
    def index(self):
        """Send visitors to the generated demo."""
        redirect('/demo')
'''
REFERENCE_ROUTES = '''    @expose('{package}.templates.demo.index')
    def index(self, **kw):
        """The quickstart's landing page, rendered at / (not redirected to /demo)."""
        self.demo._before()
        return self.demo._todo_data()

    @expose('json')
    def health(self):
        """The contract's liveness check."""
        return dict(status='ok', framework='turbogears')
'''
REFERENCE_WSGI = '''"""The reference's WSGI entry: production.ini, loaded by PasteDeploy."""
import os

from paste.deploy import loadapp

application = loadapp(
    "config:production.ini", relative_to=os.path.dirname(os.path.abspath(__file__))
)
'''


def quickstart_command(environment: Environment, folder: Path) -> list[str]:
    """The command line that makes the quickstart project ``folder``.

    Run it with ``folder.parent`` as the working directory. ``folder`` must not
    exist, and its name must be neither a distribution installed in
    ``environment`` nor an importable package (quickstart refuses both), so
    give each timed run a fresh name. tg.devtools is installed into
    ``environment`` first (a no-op when it is there), so the command runs.
    """
    install(environment, [DEVTOOLS])
    if not re.fullmatch(r"[a-z][a-z0-9]*", folder.name):
        # gearbox would change other names (into a project "my-app", package "myapp").
        raise ValueError(f"{folder.name!r}: name the quickstart with lowercase letters and digits")
    return [str(environment.script("gearbox")), "quickstart", "-a", "-s", folder.name]


def _run(command: list[str], cwd: Path) -> None:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if completed.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")


def build(environment: Environment, folder: Path) -> str:
    """Make the reference in ``folder``; return its WSGI entry, importable from there."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    # quickstart refuses a name that is already installed: a reference built before.
    uninstall(environment, folder.name)
    _run(quickstart_command(environment, folder), folder.parent)

    root = folder / folder.name / "controllers" / "root.py"
    source = root.read_text(encoding="utf-8")
    if QUICKSTART_INDEX not in source:
        raise RuntimeError(f"{root}: the quickstart's index is not the one expected")
    routes = REFERENCE_ROUTES.format(package=folder.name)
    root.write_text(source.replace(QUICKSTART_INDEX, routes), encoding="utf-8")

    production = (folder / "development.ini").read_text(encoding="utf-8")
    for setting, value in (("debug", "false"), ("auto_reload_templates", "false")):
        # "debug = true" is set, "#auto_reload_templates = false" commented out.
        production, count = re.subn(rf"(?m)^#?{setting} = \w+$", f"{setting} = {value}", production)
        if count != 1:
            raise RuntimeError(f"{folder}/development.ini: no single {setting!r} line")
    (folder / "production.ini").write_text(production, encoding="utf-8")
    (folder / "reference_wsgi.py").write_text(REFERENCE_WSGI, encoding="utf-8")

    # The project's own dependencies (Beaker, WebHelpers2, Babel, ...) and its entry point.
    install(environment, ["-e", str(folder)])
    _run([str(environment.script("gearbox")), "setup-app", "-c", "production.ini"], folder)
    return "reference_wsgi:application"
