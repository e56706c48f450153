"""The base controller of the application."""

from tg import TGController, request, tmpl_context

__all__ = ["BaseController"]


class BaseController(TGController):
    """The parent class of every controller of this app: code here runs for each request."""

    def __call__(self, environ, context):
        # Make the logged-in user (or None) available to every template.
        tmpl_context.identity = request.identity
        return TGController.__call__(self, environ, context)
