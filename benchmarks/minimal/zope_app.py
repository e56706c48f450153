"""The smallest Zope app with the starter's /health route: the reference for overhead.

Zope will not start without an instance: a zope.conf and a site.zcml under
``<instance>/etc/``. Those beside this file (``zope/etc/``) hold only what Zope
requires: the database (in memory: MappingStorage, so nothing is written; the
starter's FileStorage serves /health from the same cached root object) and
Zope's own ZCML plus one view. Left out, as a bare instance allows: the
Products.* add-ons (``five:loadProducts``) and any start-up subscriber. Kept: the
``httpexceptions`` filter every Zope WSGI pipeline has, debug mode off.
"""

import json
import os
from pathlib import Path

from Products.Five.browser import BrowserView
from Zope2.Startup.run import make_wsgi_app
from ZPublisher.httpexceptions import HTTPExceptionHandler

HOME = Path(__file__).resolve().parent / "zope"


class Health(BrowserView):
    """Registered in zope/etc/site.zcml as the root's view named "health"."""

    def __call__(self):
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps({"status": "ok", "framework": "zope"})


# zope.conf reads the instance home from $(INSTANCE_HOME).
os.environ["INSTANCE_HOME"] = str(HOME)
config = {"debug_mode": "false"}
application = HTTPExceptionHandler(make_wsgi_app(config, str(HOME / "etc" / "zope.conf")), config)
