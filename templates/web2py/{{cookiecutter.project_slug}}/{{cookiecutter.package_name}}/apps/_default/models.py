"""The models: pydal table definitions, as in web2py's models/db.py.

``define_table`` describes a table. pydal compares it with the database and
creates or alters the table only when migrations are on, which is the job of
the migrate command (see settings.py). A field's ``requires`` validators also
drive the forms.
"""

from py4web import Field
from pydal.validators import IS_LENGTH, IS_MATCH, IS_NOT_EMPTY

from .common import db

NOTE_MAX_LENGTH = 500

db.define_table(
    "note",
    Field(
        "text",
        length=NOTE_MAX_LENGTH,
        # Validators run in order, and the form shows the first failing one's
        # message: a blank note, a long one, then control characters (a NUL
        # byte, which PostgreSQL cannot store, would otherwise be a server error).
        requires=[
            IS_NOT_EMPTY(),
            IS_LENGTH(NOTE_MAX_LENGTH),
            IS_MATCH(
                r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*\Z",
                error_message="Remove the control characters.",
            ),
        ],
        label="Note",
        comment=f"At most {NOTE_MAX_LENGTH} characters.",
    ),
)
