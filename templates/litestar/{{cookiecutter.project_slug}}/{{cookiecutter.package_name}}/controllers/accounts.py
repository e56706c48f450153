"""Logging in and out, and /manage: the page only a logged-in user may open."""

from dataclasses import dataclass
from functools import cache
from typing import Annotated

import anyio
from litestar import Controller, Request, post, route
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromQuery
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..auth import hash_password, requires_login, safe_next, start_session, verify_password
from ..models import User
from . import GET_HEAD


@cache
def unknown_user_hash() -> str:
    """Checked when the user name is unknown: a wrong name takes as long as a wrong password."""
    return hash_password("not a password anyone has")


@dataclass
class LoginForm:
    """The fields the login form posts."""

    username: str = ""
    password: str = ""
    next: str = ""


class AccountController(Controller):
    """/login, /logout and /manage: the only pages that use the session.

    app.py gives them the session middleware, and them alone.
    """

    path = "/"

    # [concept login]
    @route("/login", http_method=GET_HEAD, name="login")
    async def login_page(self, next: FromQuery[str] = "") -> Template:
        """The login form; ``next`` is where to go after it, if it is a page of this site."""
        return Template("login.html", context={"next": safe_next(next, "")})

    @post("/login", status_code=303)
    async def login(
        self,
        request: Request,
        db_session: NamedDependency[AsyncSession],
        data: Annotated[LoginForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
    ) -> Template | Redirect:
        """Check the password; on success start a new session and go to ``next``."""
        user = await db_session.scalar(select(User).where(User.name == data.username[:16]))
        stored = user.password_hash if user else unknown_user_hash()
        # Hashing takes a fraction of a second: in a thread, so other requests go on meanwhile.
        matches = await anyio.to_thread.run_sync(verify_password, data.password, stored)
        if user is None or not matches:
            context = {"next": safe_next(data.next, ""), "error": "Wrong user name or password."}
            return Template("login.html", context=context, status_code=400)
        await start_session(request, user.id)
        return Redirect(path=safe_next(data.next, "/manage"), status_code=303)

    # [/concept login]

    @post("/logout", status_code=303, name="logout")
    async def logout(self, request: Request) -> Redirect:
        """End the session: deleted from the store, so a copied cookie opens nothing."""
        request.clear_session()
        return Redirect(path="/", status_code=303)

    @route("/manage", http_method=GET_HEAD, name="manage", guards=[requires_login])
    async def manage(
        self, request: Request, db_session: NamedDependency[AsyncSession]
    ) -> Template | Redirect:
        """The page standing in for an admin, which Litestar does not have."""
        user = await db_session.get(User, request.session["user_id"])
        if user is None:  # the account was deleted since: the session ends
            request.clear_session()
            return Redirect(path="/login?next=/manage", status_code=303)
        return Template("manage.html", context={"user": user})
