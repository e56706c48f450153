"""The models: pydal table definitions, as in web2py's models/db.py.

``define_table`` describes a table. pydal compares it with the database and
creates or alters the table only when migrations are on, which is the job of
the migrate command (see settings.py). A field's ``requires`` validators also
drive the forms.
"""

import unicodedata

from py4web import Field
from pydal.validators import IS_LENGTH, IS_MATCH, IS_NOT_EMPTY, ValidationError, Validator

from .common import db

NOTE_MAX_LENGTH = 500

# Characters Unicode counts as letters or symbols that draw nothing: the Hangul
# fillers (U+115F, U+1160, U+3164, U+FFA0) and the blank Braille pattern (U+2800).
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


# Named in capitals, as pydal names its validators.
class HAS_VISIBLE_CHARACTER(Validator):
    """Refuse a text with nothing to see in it.

    IS_NOT_EMPTY strips spaces, but not the characters that take no room: a
    zero-width space (U+200B), a byte-order mark (U+FEFF), a word joiner (U+2060),
    a Hangul filler (U+3164)... A note of only those would be listed as an empty
    line. A visible character is a letter, digit, punctuation mark or symbol, by
    its Unicode category; spaces (Z*), controls and format characters (C*) and
    combining marks alone (M*) are not.
    """

    def __init__(self, error_message="Write at least one visible character."):
        self.error_message = error_message

    def validate(self, value, record_id=None):
        for character in value:
            if unicodedata.category(character)[0] in "LNPS" and character not in BLANK_LETTERS:
                return value
        raise ValidationError(self.translator(self.error_message))


db.define_table(
    "note",
    Field(
        "text",
        length=NOTE_MAX_LENGTH,
        # Validators run in order, and the form shows the first failing one's
        # message: a blank note, a long one, control characters (a NUL byte,
        # which PostgreSQL cannot store, would otherwise be a server error), then
        # a note of only invisible characters.
        requires=[
            IS_NOT_EMPTY(),
            IS_LENGTH(NOTE_MAX_LENGTH),
            IS_MATCH(
                r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*\Z",
                error_message="Remove the control characters.",
            ),
            HAS_VISIBLE_CHARACTER(),
        ],
        label="Note",
        comment=f"At most {NOTE_MAX_LENGTH} characters.",
    ),
)
