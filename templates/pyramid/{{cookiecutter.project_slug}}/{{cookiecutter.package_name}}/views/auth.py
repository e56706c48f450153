"""Logging in and out, and the page only administrators may open.

As Pyramid's wiki2 tutorial writes them: ``remember()`` and ``forget()`` ask the
security policy (security.py) for the headers that log a browser in or out, and
a view's ``permission`` is checked against the context's ACL (routes.ManageResource).
"""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import forget, remember
from pyramid.view import forbidden_view_config, view_config
from sqlalchemy import select

from .. import models

LOGIN_TEMPLATE = "{{ cookiecutter.package_name }}:templates/login.jinja2"


def safe_next(target, default: str) -> str:
    """``target`` if it is a plain path of this site, else ``default``.

    The page to return to after logging in comes from the query string, which
    anyone can write: "//evil.example" or "/\\evil.example" would send the
    browser to another site, and control characters may be dropped by it.
    """
    if not isinstance(target, str) or not target.startswith("/"):
        return default
    if target.startswith("//") or "\\" in target:
        return default
    if any(ord(c) < 33 or ord(c) == 127 for c in target):
        return default
    return target


@view_config(route_name="login", request_method=("GET", "POST"), renderer=LOGIN_TEMPLATE)
def login(request):
    next_url = safe_next(request.params.get("next"), request.route_path("home"))
    message = ""
    login = ""
    if request.method == "POST":
        login = request.POST.get("login", "")
        password = request.POST.get("password", "")
        query = select(models.User).where(models.User.name == login)
        user = request.dbsession.scalars(query).one_or_none()
        if user is not None and user.check_password(password):
            # A new session, with the user in it (security.py's remember()).
            headers = remember(request, user.id)
            return HTTPSeeOther(location=next_url, headers=headers)
        message = "Failed login"
        request.response.status = 400
    return {"message": message, "next_url": next_url, "login": login}


@view_config(route_name="logout", request_method="POST")
def logout(request):
    # POST only, with the CSRF token: a link or an image elsewhere cannot log anyone out.
    headers = forget(request)
    return HTTPSeeOther(location=request.route_path("home"), headers=headers)


@view_config(
    route_name="manage",
    request_method="GET",
    permission="manage",
    renderer="{{ cookiecutter.package_name }}:templates/manage.jinja2",
)
def manage(request):
    """Pyramid has no admin: this page stands for one, open to administrators only."""
    return {"user": request.identity}


@forbidden_view_config(renderer="{{ cookiecutter.package_name }}:templates/403.jinja2")
def forbidden_view(exc, request):
    """A page the visitor may not open: log in first, or 403 when logged in already."""
    if not request.is_authenticated:
        next_url = request.route_path("login", _query={"next": request.path})
        return HTTPSeeOther(location=next_url)
    request.response.status = 403
    return {}
