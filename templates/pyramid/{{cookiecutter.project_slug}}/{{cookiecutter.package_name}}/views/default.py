"""The home page and the health check."""

from pyramid.view import view_config


# request_method="GET" also answers HEAD (Pyramid adds it); any other method is 405.
@view_config(
    route_name="home",
    request_method="GET",
    renderer="{{ cookiecutter.package_name }}:templates/home.jinja2",
)
def index(request):
    # A dict: the renderer fills the template with it. Jinja2 escapes ``name``.
    return {"name": request.GET.get("name", "")}


@view_config(route_name="health", request_method="GET", renderer="json")
def health(request):
    """For load balancers and monitors: the app is up (it does not touch the database)."""
    return {"status": "ok", "framework": "pyramid"}
