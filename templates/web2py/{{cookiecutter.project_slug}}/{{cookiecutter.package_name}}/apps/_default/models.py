"""The models: pydal table definitions, as in web2py's models/db.py.

``define_table`` describes a table. pydal compares it with the database and
creates or alters the table only when migrations are on, which is the job of
the migrate command (see settings.py). A field's ``requires`` validators also
drive the forms.
"""

from py4web import Field
from pydal.validators import IS_LENGTH, IS_MATCH, IS_NOT_EMPTY, ValidationError, Validator

from {{ cookiecutter.package_name }}.visible_text import has_visible_character

from .common import db

# [concept model]
NOTE_MAX_LENGTH = 500


# Named in capitals, as pydal names its validators.
class HAS_VISIBLE_CHARACTER(Validator):
    """Refuse a text with nothing to see in it (the rule is visible_text.py's).

    IS_NOT_EMPTY strips spaces, but not the characters that take no room: a
    zero-width space (U+200B), a byte-order mark (U+FEFF), a Hangul filler
    (U+3164)... A note of only those would be listed as an empty line.
    """

    def __init__(self, error_message="Write at least one visible character."):
        self.error_message = error_message

    def validate(self, value, record_id=None):
        if has_visible_character(value):
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
# [/concept model]
