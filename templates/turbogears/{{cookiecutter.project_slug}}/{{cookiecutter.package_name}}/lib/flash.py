"""Flash messages: a short notice stored in a cookie, shown once by the next page.

TurboGears' own ``tg.flash`` (TGFlash) writes its cookie without HttpOnly and
renders the message's status into the page as is; the status comes back from
the browser, which anyone can set to markup (``"><svg onload=...>``). This is
the same flash, as TurboGears lets an app make its own TGFlash: its cookie is
HttpOnly and SameSite=Lax, and ``pop_payload()`` returns only a known status
and a text message, which the Kajiki layout (master.xhtml) escapes.
"""

import json
import urllib.parse

from tg import request, response
from tg.flash import TGFlash

__all__ = ["STATUSES", "flash"]

# The statuses this app uses (the class of the message's <div>); any other is "ok".
STATUSES = ("ok", "warning", "error")


class Flash(TGFlash):
    """TGFlash with a safe cookie and a payload that is checked when it is read."""

    def __call__(self, message, status=None, **extra_payload):
        """Show ``message`` on the next page (or on this one, if it renders the flash)."""
        payload = self._prepare_payload(
            message=str(message), status=status if status in STATUSES else self.default_status
        )
        request.environ["webflash.payload"] = payload
        # HttpOnly: the page shows the message, scripts never need the cookie.
        self._set_cookie(payload)

    def pop_payload(self):
        """``{"message": text, "status": one of STATUSES}``, or {}; deletes the cookie."""
        raw = request.environ.get("webflash.payload") or request.cookies.get(self.cookie_name)
        if not raw:
            return {}
        if not request.environ.get("webflash.delete_cookie"):
            self._set_cookie(None)
            request.environ["webflash.delete_cookie"] = True
        try:
            payload = json.loads(urllib.parse.unquote(raw))
        except ValueError:  # a cookie that is not ours: no message
            return {}
        if not isinstance(payload, dict) or not isinstance(payload.get("message"), str):
            return {}
        status = payload.get("status")
        return {
            "message": payload["message"],
            "status": status if status in STATUSES else self.default_status,
        }

    def _set_cookie(self, value) -> None:
        # None deletes the cookie; Secure when the request came over HTTPS.
        response.set_cookie(
            self.cookie_name,
            value,
            httponly=True,
            samesite="Lax",
            secure=request.scheme == "https",
        )


flash = Flash()
