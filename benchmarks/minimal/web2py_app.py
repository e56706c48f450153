"""The smallest py4web app with the starter's /health route: the reference for overhead.

py4web only serves apps that are packages in an apps folder, so the action lives
in ``web2py/apps/_default/__init__.py`` (``_default`` answers at ``/``); this file
loads that folder the way ``py4web run`` does, with debug off (the default).
py4web keeps its own state in ``apps/.service/``, which it creates on first load.
No database, session or auth fixture: /health uses none in the starter either.
"""

from pathlib import Path

from py4web.core import wsgi

application = wsgi(apps_folder=str(Path(__file__).resolve().parent / "web2py" / "apps"))
