"""Query strings whose bytes are not UTF-8, read leniently instead of failing.

A request such as ``?name=%ff`` carries a byte that is not UTF-8. Some
frameworks answer it with an error (a 404 or a 500); most read such bytes as
U+FFFD ("\ufffd"), and so does this WSGI helper, before the framework sees them.
WSGI hands the query string over as bytes read as Latin-1.
"""

import urllib.parse


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` decodes as UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_query_leniently(environ) -> None:
    """Rewrite ``environ``'s QUERY_STRING so that every byte that is not UTF-8 is U+FFFD."""
    query = environ.get("QUERY_STRING", "")
    if query.isascii() and "%" not in query:
        return  # plain ASCII with no %-escape is always valid: the usual case
    raw = query.encode("latin-1")
    if not is_utf8(urllib.parse.unquote_to_bytes(raw)):
        pairs = urllib.parse.parse_qsl(
            raw.decode("utf-8", "replace"), keep_blank_values=True, errors="replace"
        )
        environ["QUERY_STRING"] = urllib.parse.urlencode(pairs)
