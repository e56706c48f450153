"""Error pages: 404, 405 with Allow for a method a route does not take, 400 for bad input.

When a route matches but none of its views takes the request's method, Pyramid
raises ``PredicateMismatch``, a kind of 404. HTTP says 405 Method Not Allowed,
with an ``Allow`` header naming the methods the route does take: this starter
reads them from the views' ``request_method`` (Pyramid's introspection).
"""

from pyramid.exceptions import PredicateMismatch
from pyramid.httpexceptions import HTTPBadRequest, HTTPMethodNotAllowed
from pyramid.view import exception_view_config, notfound_view_config

NOT_FOUND_TEMPLATE = "{{ cookiecutter.package_name }}:templates/404.jinja2"


@notfound_view_config(renderer=NOT_FOUND_TEMPLATE)
def notfound_view(request):
    request.response.status = 404
    return {}


def allowed_methods(request) -> list[str]:
    """The methods the views of the request's route take (HEAD with GET)."""
    route = request.matched_route
    if route is None:
        return []
    methods = set()
    for item in request.registry.introspector.get_category("views"):
        view = item["introspectable"]
        taken = view["request_methods"]  # None (any method), a name, or a tuple
        if view["route_name"] == route.name and taken:
            methods.update([taken] if isinstance(taken, str) else taken)
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


@exception_view_config(PredicateMismatch, renderer=NOT_FOUND_TEMPLATE)
def method_not_allowed(exc, request):
    allowed = allowed_methods(request)
    if not allowed or request.method in allowed:
        # Another predicate did not match: a plain 404.
        request.response.status = 404
        return {}
    return HTTPMethodNotAllowed(headers={"Allow": ", ".join(allowed)})


@exception_view_config(UnicodeDecodeError)
def undecodable_input(exc, request):
    """A query string that is not UTF-8 (``?name=%ff``): WebOb cannot decode it when
    a view reads ``request.GET``. It is the client's mistake: 400, not a server error."""
    return HTTPBadRequest("The query string is not UTF-8 text.")
