"""The smallest Grok app with the starter's /health route: the reference for overhead.

Grok runs on the Zope Toolkit publisher, which needs a zope.conf, given inline
below (an in-memory MappingStorage, so nothing is written; the event log it
requires; developer mode off), and a site ZCML file, ``grok/site.zcml`` beside
this file (Grok itself, this module grokked, the unauthenticated principal the
publisher needs). The view is registered on the root folder itself. Left out,
as Grok allows: an application object (``grok.Application``) with its own site
and authentication utility, which the starter installs and serves at ``/``
through traversal hooks.
"""

import io
import json
from pathlib import Path

import grok
from zope.app.wsgi import getWSGIApplication
from zope.site.interfaces import IRootFolder


class Health(grok.View):
    grok.context(IRootFolder)
    grok.require("zope.Public")

    def render(self):
        self.response.setHeader("Content-Type", "application/json")
        return json.dumps({"status": "ok", "framework": "grok"})


ZOPE_CONF = f"""
site-definition {Path(__file__).resolve().parent / "grok" / "site.zcml"}
<zodb>
  <mappingstorage />
</zodb>
<eventlog>
  <logfile>
    path STDERR
  </logfile>
</eventlog>
devmode off
"""

application = getWSGIApplication(io.StringIO(ZOPE_CONF))
