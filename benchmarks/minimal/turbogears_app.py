"""The smallest TurboGears app with the starter's /health route: the reference for overhead.

A MinimalApplicationConfigurator app, as TurboGears' own docs start: a root
controller and the JSON renderer, debug off (its default).
"""

from tg import MinimalApplicationConfigurator, TGController, expose


class RootController(TGController):
    @expose("json")
    def health(self):
        return {"status": "ok", "framework": "turbogears"}


config = MinimalApplicationConfigurator()
config.update_blueprint({"root_controller": RootController(), "renderers": ["json"]})
application = config.make_wsgi_app()
