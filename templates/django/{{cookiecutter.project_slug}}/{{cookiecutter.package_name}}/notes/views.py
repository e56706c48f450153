"""The notes page, written with Django's generic class-based views."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import CreateView

from .forms import NoteForm
from .models import Note


class HttpResponseSeeOther(HttpResponseRedirect):
    """A redirect with status 303 See Other: after a POST, the browser GETs the new URL.

    Django's own redirects are 302 (or 301); 303 says plainly "the form was handled,
    now fetch this page", so reloading it does not post the form again.
    """

    status_code = 303


# CSRF: Django's middleware checks every POST, PUT and DELETE before the view
# runs. Here the check moves onto `post` itself, so that methods this view does
# not have (PUT, DELETE...) get an honest 405 with an Allow header instead of a
# 403; every POST is still refused without the page's token.
@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(csrf_protect, name="post")
class NoteListView(CreateView):
    """GET lists the notes under an empty form; POST creates a note from the form.

    CreateView does the form work: on GET it renders the template with a blank
    ``form``; on POST it validates the data, then calls ``form_valid`` (save and
    redirect) or re-renders the page with the errors.
    """

    model = Note
    form_class = NoteForm
    template_name = "notes/note_list.html"
    success_url = reverse_lazy("notes:list")
    # CreateView would also treat PUT as POST; this page takes forms only.
    http_method_names = ["get", "head", "post"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notes"] = Note.objects.all()
        return context

    def form_valid(self, form):
        self.object = form.save()
        # A one-time message, shown on the next page (django.contrib.messages).
        messages.success(self.request, "Note saved.")
        return HttpResponseSeeOther(self.get_success_url())
