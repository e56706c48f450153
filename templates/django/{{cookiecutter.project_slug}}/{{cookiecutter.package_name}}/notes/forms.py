"""Forms validate what people submit; a ModelForm builds its fields from a model."""

from django import forms
from django.core.exceptions import ValidationError

from ..visible_text import has_visible_character
from .models import Note


class NoteForm(forms.ModelForm):
    """The note form. Its field comes from ``Note.text``: required, at most 500
    characters (``maxlength`` in the page, checked again here), surrounding spaces
    stripped, so a blank note is refused with "This field is required.", and NUL
    characters refused too. ``clean_text`` refuses a note that shows nothing."""

    class Meta:
        model = Note
        fields = ["text"]
        labels = {"text": "New note"}
        help_texts = {"text": "At most 500 characters."}
        widgets = {"text": forms.TextInput(attrs={"placeholder": "Write a note"})}

    def clean_text(self):
        """Django calls ``clean_<field>`` after the field's own checks: the place for
        a rule of this form. The field strips only what ``str.strip`` calls space, so
        a note of zero-width spaces or Hangul fillers would pass as not blank."""
        text = self.cleaned_data["text"]
        if not has_visible_character(text):
            raise ValidationError("Write at least one visible character.", code="invisible")
        return text
