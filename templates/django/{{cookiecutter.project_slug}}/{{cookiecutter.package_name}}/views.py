"""Site-wide views: the greeting page and the health check.

Django has two styles of view, both shown here: a class (``IndexView``, built on
a generic view) and a plain function that takes a request and returns a response.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView


class IndexView(TemplateView):
    """The home page: greets the visitor named in ``?name=``."""

    template_name = "index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The template engine escapes the name when it renders it, so HTML in it stays text.
        context["name"] = self.request.GET.get("name", "").strip()
        return context


@require_safe  # GET and HEAD only; anything else gets 405
def health(request):
    """A machine-readable liveness check for load balancers and monitors."""
    return JsonResponse({"status": "ok", "framework": "django"})
