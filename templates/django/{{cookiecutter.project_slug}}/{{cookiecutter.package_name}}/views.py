"""Site-wide views: the greeting page and the health check.

Django has two styles of view, both shown here: a class (``IndexView``, built on
a generic view) and a plain function that takes a request and returns a response.
"""

from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

# These two views only read: they accept GET and HEAD and answer anything else
# with 405 Method Not Allowed (and an Allow header). csrf_exempt lets that 405
# through: Django's CSRF check would otherwise answer a POST first, with 403.
# Exempting is safe only because nothing here changes state.


@method_decorator(csrf_exempt, name="dispatch")
class IndexView(TemplateView):
    """The home page: greets the visitor named in ``?name=``."""

    template_name = "index.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The template engine escapes the name when it renders it, so HTML in it stays text.
        context["name"] = self.request.GET.get("name", "").strip()
        return context


@csrf_exempt
@require_safe  # GET and HEAD only
def health(request):
    """A machine-readable liveness check for load balancers and monitors."""
    return JsonResponse({"status": "ok", "framework": "django"})
