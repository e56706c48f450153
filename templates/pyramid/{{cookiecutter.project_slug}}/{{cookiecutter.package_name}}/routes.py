"""The URL map: each route is a name and a pattern; views/ attach to the names.

``config.include(".routes")`` in ``main()`` calls ``includeme``, Pyramid's way of
letting a module add its own part of the configuration.
"""

from pyramid.authorization import Allow


class ManageResource:
    """The resource (context) of /manage: its ACL says who may do what there.

    Pyramid checks a view's ``permission`` against this list, as the wiki2
    tutorial's route factories do (security.py's policy supplies the user's
    principals). Only administrators may "manage".
    """

    __acl__ = [(Allow, "role:admin", "manage")]

    def __init__(self, request):
        self.request = request


def includeme(config):
    # Pyramid tries the routes in the order they are added: /health first, as
    # load balancers and monitors ask for it most.
    config.add_route("health", "/health")
    config.add_route("home", "/")
    config.add_route("notes", "/notes")
    config.add_route("login", "/login")
    config.add_route("logout", "/logout")
    config.add_route("manage", "/manage", factory=ManageResource)
    # /static/style.css: files of the static/ folder, never a path outside it.
    config.add_static_view("static", "static", cache_max_age=3600)
