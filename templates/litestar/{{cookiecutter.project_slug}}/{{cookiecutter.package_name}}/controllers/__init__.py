"""The controllers: Litestar ``Controller`` classes, whose methods handle the URLs under a ``path``.

Litestar answers only the methods a handler names. ``GET_HEAD`` makes a page answer
HEAD too (GET without the body, for link checkers and monitors); any other method
is answered 405 with an Allow header naming those it takes.
"""

from litestar import HttpMethod

GET_HEAD = [HttpMethod.GET, HttpMethod.HEAD]
