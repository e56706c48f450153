"""Template helpers: every template can call these as ``h.<name>``."""

from datetime import datetime

from tg import request

from {{ cookiecutter.package_name }}.lib.flash import flash
from {{ cookiecutter.package_name }}.lib.security import CSRF_FIELD


def current_year() -> str:
    """The current year, e.g. for a copyright line."""
    return datetime.now().strftime("%Y")


def csrf_field() -> str:
    """The name of the hidden field that carries the CSRF token (lib/security.py)."""
    return CSRF_FIELD


def csrf_token() -> str:
    """This browser's CSRF token: every form that posts must send it back."""
    return request.environ["csrf.token"]


def flash_message() -> dict:
    """This page's flash message, ``{"message": ..., "status": ...}`` or {}; shown once."""
    return flash.pop_payload()
