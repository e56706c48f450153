"""The home page and the health check."""

from litestar import Controller, route
from litestar.params import FromQuery
from litestar.response import Template

from . import GET_HEAD


class SiteController(Controller):
    """The pages at the root of the site."""

    path = "/"

    @route("/", http_method=GET_HEAD, name="index")
    async def index(self, name: FromQuery[str] = "") -> Template:
        """The home page: greets the visitor named in ``?name=``."""
        # FromQuery reads the parameter from the query string; Jinja autoescapes it
        # in the page ("<b>" is shown as text, never run as HTML).
        return Template("index.html", context={"name": name.strip()})


# A handler needs no Controller: a decorated function is a route of its own.
@route("/health", http_method=GET_HEAD, name="health")
async def health() -> dict[str, str]:
    """A machine-readable liveness check; Litestar sends a returned dict as JSON."""
    return {"status": "ok", "framework": "litestar"}
