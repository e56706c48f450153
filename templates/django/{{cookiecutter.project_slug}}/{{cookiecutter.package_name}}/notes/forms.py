"""Forms validate what people submit; a ModelForm builds its fields from a model."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from .models import Note

# Characters that put nothing on the screen: Unicode separators (Z*: spaces, line and
# paragraph separators), controls and format characters (C*: zero-width spaces and
# joiners, the byte-order mark, direction marks...), unassigned and private code points,
# and combining marks (M*), which only decorate a character before them.
INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Mc", "Me"}
# Letters and symbols that are drawn as blank space all the same: the Hangul fillers
# and the braille pattern without dots.
BLANK_CHARACTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def is_visible(character: str) -> bool:
    """Whether ``character`` shows something on the page."""
    return (
        character not in BLANK_CHARACTERS
        and unicodedata.category(character) not in INVISIBLE_CATEGORIES
    )


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
        if not any(is_visible(character) for character in text):
            raise ValidationError("Write at least one visible character.", code="invisible")
        return text
