"""Dependencies the path operations share.

A dependency is a function FastAPI calls before a path operation, passing in its
result; tests swap it with ``app.dependency_overrides`` (see tests/conftest.py).
"""

from typing import Annotated

from fastapi import Depends

from .config import Settings, get_settings

# Write `settings: SettingsDep` in a path operation's parameters to receive the settings.
SettingsDep = Annotated[Settings, Depends(get_settings)]
