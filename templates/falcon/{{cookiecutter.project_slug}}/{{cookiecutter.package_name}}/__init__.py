"""{{ cookiecutter.project_name }}: a Falcon application, served over WSGI and ASGI.

Falcon builds the same app two ways: ``falcon.App`` is a WSGI application and
``falcon.asgi.App`` an ASGI one. This package keeps them side by side:

- ``app.py`` and ``resources.py``: the WSGI app and its resources;
- ``asgi_app.py`` and ``asgi_resources.py``: the ASGI app and its resources,
  the same code with ``async def`` responders (compare the files to see what
  async changes);
- ``config.py``, ``content.py``, ``middleware.py`` and ``hooks.py``: what both
  share (the settings, the pages and the health answer, the security headers,
  the request body cap).
"""
