"""The error controller."""

from tg import expose, request

from {{ cookiecutter.package_name }}.lib.base import BaseController

__all__ = ["ErrorController"]


class ErrorController(BaseController):
    """Renders the page of an error response (404, 403, 500...).

    TurboGears' error-pages component forwards such responses to
    ``/error/document``; the original status code is kept.
    """

    @expose("{{ cookiecutter.package_name }}.templates.error")
    def document(self, *args, **kwargs):
        response = request.environ.get("tg.original_response")
        code = response.status_int if response is not None else 400
        message = getattr(response, "detail", None) or "We could not process this request."
        return dict(page="error", code=code, message=message)
