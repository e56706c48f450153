"""The apps the frameworks' own scaffolders make, with the starter's two routes added.

Issue 16 measures each starter against two references of its own framework: the
hand-written minimal app (``minimal/``) and what the framework's own scaffolder
generates. One module here per scaffolder, each with a ``build`` function::

    build(environment, folder) -> "module:attribute"

``environment`` is the starter's virtual environment (the scaffolder's scripts are
in it, and a reference may install what its project needs there too); the
reference is made in ``folder`` and its WSGI entry is returned, importable from
``folder``. ``REFERENCES`` maps a framework key to its module's ``build``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from scaffold.runtime.environments import Environment

Build = Callable[[Environment, Path], str]

# Framework key -> the module (in this package) that builds its scaffolder's app.
MODULES = {
    "django": "django_startproject",
    "pyramid": "pyramid_cookiecutter",
    "turbogears": "gearbox_quickstart",
    "web2py": "py4web_scaffold",
    "zope": "zope_mkwsgiinstance",
}


def reference(key: str) -> Build | None:
    """The ``build`` function of ``key``'s native reference, or None if it has none."""
    if key not in MODULES or not (Path(__file__).parent / f"{MODULES[key]}.py").is_file():
        return None
    module = importlib.import_module(f"{__name__}.{MODULES[key]}")
    # A reference that needs something this machine lacks says why (its ``available()``).
    reason = module.available() if hasattr(module, "available") else None
    if reason:
        print(f"native {key}: skipped: {reason}", file=sys.stderr)
        return None
    build: Build = module.build
    return build
