"""Forms validate what people submit; a ModelForm builds its fields from a model."""

from django import forms

from .models import Note


class NoteForm(forms.ModelForm):
    """The note form. Its field comes from ``Note.text``: required, at most 500
    characters (``maxlength`` in the page, checked again here), surrounding spaces
    stripped, so a blank note is refused with "This field is required.", and NUL
    characters refused too."""

    class Meta:
        model = Note
        fields = ["text"]
        labels = {"text": "New note"}
        help_texts = {"text": "At most 500 characters."}
        widgets = {"text": forms.TextInput(attrs={"placeholder": "Write a note"})}
