"""The smallest CherryPy app with the starter's /health route: the reference for overhead.

Hosted by a WSGI server as CherryPy's deployment docs show: its own HTTP server
unsubscribed, the autoreloader off, the engine started (and stopped at exit),
the "production" environment (no tracebacks in error pages).
"""

import atexit

import cherrypy


class Root:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def health(self):
        return {"status": "ok", "framework": "cherrypy"}


cherrypy.config.update({"environment": "production", "engine.autoreload.on": False})
cherrypy.server.unsubscribe()
cherrypy.engine.start()
atexit.register(cherrypy.engine.exit)
application = cherrypy.tree.mount(Root(), "/")
