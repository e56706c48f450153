"""The smallest web.py app with the starter's /health route: the reference for overhead.

web.py turns debug mode (which reloads changed modules on every request) on by
default; production turns it off before the application is made.
"""

import json

import web

web.config.debug = False

urls = ("/health", "Health")


class Health:
    def GET(self):
        web.header("Content-Type", "application/json")
        return json.dumps({"status": "ok", "framework": "webpy"})


application = web.application(urls, globals()).wsgifunc()
