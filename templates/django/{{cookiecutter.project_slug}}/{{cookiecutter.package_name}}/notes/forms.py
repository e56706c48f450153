"""Forms validate what people submit; a ModelForm builds its fields from a model."""

from django import forms

from .models import Note


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["text"]
        labels = {"text": "New note"}
        widgets = {"text": forms.TextInput(attrs={"placeholder": "Write a note"})}
