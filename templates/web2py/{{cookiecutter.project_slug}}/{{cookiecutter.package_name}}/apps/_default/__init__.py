"""The ``_default`` app: py4web serves it at the site root, ``/``.

web2py exposed every function of a controller file; py4web exposes the
functions decorated with ``@action``, when their module is imported. So
importing the controllers here is what puts the app's pages on the web.
"""

from . import controllers  # noqa: F401
