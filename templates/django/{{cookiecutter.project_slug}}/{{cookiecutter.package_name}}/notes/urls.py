"""The notes app's URL patterns, included by the project's root URLconf."""

from django.urls import path

from . import views

# The namespace: templates and code name this URL "notes:list".
app_name = "notes"

urlpatterns = [
    path("notes", views.NoteListView.as_view(), name="list"),
]
