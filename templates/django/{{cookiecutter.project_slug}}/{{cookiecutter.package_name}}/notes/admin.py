"""Register models with the admin site (/admin/) to browse and edit them there."""

from django.contrib import admin

from .models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["text", "created_at"]
    search_fields = ["text"]
