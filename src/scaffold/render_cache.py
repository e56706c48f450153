"""What makes rendering fast without changing a byte of what cookiecutter writes.

Most of rendering a starter is not writing files: it is Jinja2 compiling each
template file into Python. So compiled templates are cached, through documented
seams, with cookiecutter still the renderer: Jinja2's own bytecode cache is
handed to cookiecutter's environment through the documented
``_jinja2_env_vars`` context key. It keeps each compiled template under a hash
of its name and its source's checksum, so a changed template is compiled again.
The cache lives where Jinja2 puts it by default (a folder of the system's
temporary directory that only this user may open; Jinja2 refuses one anyone
else could have made), or in ``$SCAFFOLD_CACHE_DIR/jinja2`` when that is set and
is the user's own (`cache.private_folder`); never in the home directory. A cache
that cannot be used is skipped: rendering only gets slower.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import BytecodeCache
    from jinja2.bccache import Bucket

from .cache import CACHE_ENV, private_folder

__all__ = ["CACHE_ENV", "bytecode_cache", "jinja2_env_vars"]


def jinja2_env_vars() -> dict[str, Any]:
    """The ``_jinja2_env_vars`` to put in cookiecutter's context: the cache, if usable."""
    cache = bytecode_cache()
    return {"bytecode_cache": cache} if cache is not None else {}


def bytecode_cache() -> BytecodeCache | None:
    """Jinja2's file-system bytecode cache in its folder, or None if none can be used."""
    from jinja2 import FileSystemBytecodeCache

    class BestEffortBytecodeCache(FileSystemBytecodeCache):
        """A cache that never fails a rendering: an entry that cannot be read or
        written is compiled as if there were no cache."""

        def load_bytecode(self, bucket: Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged entry: Jinja2 lets a cut-short pickle raise
                bucket.reset()

        def dump_bytecode(self, bucket: Bucket) -> None:
            with contextlib.suppress(OSError):  # a full disk, a read-only folder
                super().dump_bytecode(bucket)

    try:
        if os.environ.get(CACHE_ENV):
            folder = private_folder("jinja2")
            return BestEffortBytecodeCache(str(folder)) if folder is not None else None
        # Jinja2's default folder, checked by Jinja2: owned by this user, mode 0700.
        return BestEffortBytecodeCache()
    except (OSError, RuntimeError):  # RuntimeError: Jinja2 found the folder unsafe
        return None
