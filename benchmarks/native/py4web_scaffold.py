"""py4web's reference: the ``_scaffold`` app, as ``py4web new_app`` copies it.

``py4web new_app APPS_FOLDER _default --yes`` unzips the ``_scaffold`` app that
ships inside the py4web package (no prompt, no network), here under the name
``_default`` so that it answers at ``/`` as the starter's app does. Its index
page is left as py4web wrote it (``index.html`` extending ``layout.html``, with
the ``auth`` and ``T`` fixtures); the contract's ``/health`` is appended to its
``controllers.py`` as an ``@action`` returning a dict, which py4web answers as
JSON, the way py4web's documentation writes an action.

Its production configuration: debug off (``wsgi()``'s default) and
``PY4WEB_MODE`` unset, so the scaffold's own settings are its production ones
(email verification on, strong passwords). Its database (the SQLite file of
``settings.py``, with the scaffold's auth tables) is created by loading the app
once with the scaffold's ``DB_MIGRATE = True``; then a ``settings_private.py``,
which the scaffold's ``settings.py`` imports last for local overrides, turns
migrations off, as the starter's ``wsgi.py`` runs. The session secret is the one
py4web itself writes to ``apps/.service/session.secret``. The WSGI entry is
``py4web.core.wsgi()``, which loads an apps folder the way ``py4web run`` does
(the starter's ``wsgi.py`` and ``minimal/web2py_app.py`` call it too).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from scaffold.runtime.environments import Environment

# Appended to the scaffold's controllers.py (which already imports ``action``).
HEALTH_ACTION = """

@action("health")
def health():
    return dict(status="ok", framework="web2py")
"""
# The scaffold's settings.py ends with ``from .settings_private import *``.
PRIVATE_SETTINGS = """# The benchmark's production configuration: the tables exist, never migrate.
DB_MIGRATE = False
"""
ENTRY = '''"""The reference's WSGI entry: the apps folder loaded as ``py4web run`` loads it."""

from pathlib import Path

from py4web.core import wsgi

application = wsgi(apps_folder=str(Path(__file__).resolve().parent / "apps"))
'''
# Load the apps once (migrations on, the scaffold's default) and fail if one did not load.
MIGRATE = """
import contextlib, io, sys
from py4web.core import Reloader, wsgi
with contextlib.redirect_stdout(io.StringIO()):
    wsgi(apps_folder="apps")
errors = {name: error for name, error in Reloader.ERRORS.items() if error}
sys.exit("\\n".join(errors.values()) if errors else 0)
"""


def build(environment: Environment, folder: Path) -> str:
    """Make the reference in ``folder``; return its WSGI entry, importable from there."""
    folder.mkdir(parents=True)
    subprocess.run(
        [str(environment.script("py4web")), "new_app", "apps", "_default", "--yes"],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    app = folder / "apps" / "_default"
    with open(app / "controllers.py", "a", encoding="utf-8") as controllers:
        controllers.write(HEALTH_ACTION)
    subprocess.run([str(environment.python), "-c", MIGRATE], cwd=folder, check=True)
    (app / "settings_private.py").write_text(PRIVATE_SETTINGS, encoding="utf-8")
    (folder / "reference.py").write_text(ENTRY, encoding="utf-8")
    return "reference:application"
