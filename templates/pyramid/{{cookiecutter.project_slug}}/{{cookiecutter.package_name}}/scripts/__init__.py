"""Commands that work on the database without serving the app (see __main__.py)."""
