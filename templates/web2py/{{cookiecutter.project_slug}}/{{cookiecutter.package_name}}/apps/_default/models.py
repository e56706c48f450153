"""The models: pydal table definitions, as in web2py's models/db.py.

``define_table`` describes a table; with ``migrate=True`` (see common.py) pydal
creates it, or alters it to match, on first use, so there is no separate
migration step. A field's ``requires`` validators also drive the forms.
"""

from py4web import Field
from pydal.validators import IS_LENGTH, IS_NOT_EMPTY

from .common import db

db.define_table(
    "note",
    Field("text", length=280, requires=[IS_NOT_EMPTY(), IS_LENGTH(280)], label="Note"),
)

# Commit the table definitions, so they are in place before the first request.
db.commit()
