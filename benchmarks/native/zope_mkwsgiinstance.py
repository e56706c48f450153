"""Zope's reference: the instance ``mkwsgiinstance`` makes, with the contract's /health.

``mkwsgiinstance -d instance -u admin:PASSWORD`` (Zope's own scaffolder, run
non-interactively) writes an instance home: ``etc/zope.conf`` (a FileStorage
in ``var/Data.fs``, debug mode off), ``etc/site.zcml``, ``etc/zope.ini`` and
``inituser``. Nothing in it is edited. What is added:

- ``/health``: a browser view of the root object, registered in ZCML by a tiny
  package beside the instance (``reference_health``). The instance loads it
  through its own extension point: the ``site.zcml`` that mkwsgiinstance
  writes includes every ``etc/package-includes/*-configure.zcml``, and one
  such slug includes the package.
- ``/`` is what the instance serves at its root: the ``index_html`` page
  template (Zope's "Quick Start" page) that Zope stores in a new database.

The WSGI entry (``reference_wsgi.application``) is built the way the
instance's ``zope.ini`` pipeline builds it for ``runwsgi``: Zope's app
factory (``make_wsgi_app``, reading ``etc/zope.conf``) inside the
``httpexceptions`` filter. The pipeline's third piece, Paste's
``translogger`` (an access log, from the ``Zope[wsgi]`` extra, which the
starter does not install), is left out: the starter leaves access logs to
the WSGI server, and keeping it would only make the reference slower. The
instance is started once here, so its first start (which creates Data.fs,
the root objects and the initial user) is not measured.
"""

from __future__ import annotations

import secrets
import subprocess
from pathlib import Path

from scaffold.runtime.environments import Environment

# The package that adds /health, written the way Zope's docs write a browser view.
HEALTH_VIEW = """import json

from Products.Five.browser import BrowserView


class Health(BrowserView):
    def __call__(self):
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps({"status": "ok", "framework": "zope"})
"""
HEALTH_ZCML = """<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:browser="http://namespaces.zope.org/browser">

  <browser:page
      for="OFS.interfaces.IApplication"
      name="health"
      class=".Health"
      permission="zope2.Public"
      />

</configure>
"""
# etc/package-includes/<name>-configure.zcml: the instance's slug for the package.
SLUG = '<include package="reference_health" />\n'
# What zope.ini's pipeline (egg:Zope#httpexceptions ... egg:Zope#main) makes.
WSGI_MODULE = """from pathlib import Path

from Zope2.Startup.run import make_wsgi_app
from ZPublisher.httpexceptions import main as httpexceptions

ZOPE_CONF = Path(__file__).resolve().parent / "instance" / "etc" / "zope.conf"

application = httpexceptions(make_wsgi_app({}, str(ZOPE_CONF)), {})
"""


def build(environment: Environment, folder: Path) -> str:
    """Make the reference in ``folder``; return its WSGI entry, importable from there."""
    folder.mkdir(parents=True)
    instance = folder / "instance"
    user = f"admin:{secrets.token_urlsafe(16)}"
    subprocess.run(
        [str(environment.script("mkwsgiinstance")), "-d", str(instance), "-u", user],
        check=True,
        capture_output=True,
    )
    package = folder / "reference_health"
    package.mkdir()
    (package / "__init__.py").write_text(HEALTH_VIEW, encoding="utf-8")
    (package / "configure.zcml").write_text(HEALTH_ZCML, encoding="utf-8")
    includes = instance / "etc" / "package-includes"
    includes.mkdir(exist_ok=True)
    (includes / "reference_health-configure.zcml").write_text(SLUG, encoding="utf-8")
    (folder / "reference_wsgi.py").write_text(WSGI_MODULE, encoding="utf-8")
    # The first start creates the database's root objects and the initial user;
    # closing the FileStorage saves its index.
    subprocess.run(
        [str(environment.python), "-c", "import reference_wsgi, Zope2; Zope2.DB.close()"],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    return "reference_wsgi:application"
