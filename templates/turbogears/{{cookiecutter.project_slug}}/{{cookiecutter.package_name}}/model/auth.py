"""The models TurboGears' authentication reads: users, groups and permissions.

A user belongs to groups; a group grants permissions. Controllers check them
with predicates, e.g. ``@require(predicates.has_permission("manage"))``.
This is the quickstart's model, trimmed to the columns the login uses.
"""

import hashlib
import hmac
import os
from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, Table
from sqlalchemy.orm import relationship, synonym
from sqlalchemy.types import DateTime, Unicode

from {{ cookiecutter.package_name }}.model import DBSession, DeclarativeBase, metadata

__all__ = ["LoginSession", "User", "Group", "Permission"]

# PBKDF2 rounds per password hash: the slowness is what makes a stolen hash
# costly to guess. The tests lower it (tests/conftest.py), never the app.
PASSWORD_HASH_ROUNDS = 100_000

# Association tables for the two many-to-many relationships.
group_permission_table = Table(
    "tg_group_permission",
    metadata,
    Column(
        "group_id", Integer, ForeignKey("tg_group.group_id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "permission_id",
        Integer,
        ForeignKey("tg_permission.permission_id", ondelete="CASCADE"),
        primary_key=True,
    ),
)

user_group_table = Table(
    "tg_user_group",
    metadata,
    Column("user_id", Integer, ForeignKey("tg_user.user_id", ondelete="CASCADE"), primary_key=True),
    Column(
        "group_id", Integer, ForeignKey("tg_group.group_id", ondelete="CASCADE"), primary_key=True
    ),
)


class Group(DeclarativeBase):
    """A group of users, e.g. "managers"."""

    __tablename__ = "tg_group"

    group_id = Column(Integer, autoincrement=True, primary_key=True)
    group_name = Column(Unicode(16), unique=True, nullable=False)
    display_name = Column(Unicode(255))
    created = Column(DateTime, default=datetime.now)
    users = relationship("User", secondary=user_group_table, backref="groups")

    def __repr__(self):
        return f"<Group: name={self.group_name!r}>"

    def __str__(self):
        return self.group_name


class User(DeclarativeBase):
    """A person who can log in; repoze.who needs at least ``user_name``."""

    __tablename__ = "tg_user"

    user_id = Column(Integer, autoincrement=True, primary_key=True)
    user_name = Column(Unicode(16), unique=True, nullable=False)
    email_address = Column(Unicode(255), unique=True, nullable=False)
    display_name = Column(Unicode(255))
    _password = Column("password", Unicode(128))
    created = Column(DateTime, default=datetime.now)

    def __repr__(self):
        return f"<User: name={self.user_name!r}>"

    def __str__(self):
        return self.display_name or self.user_name

    @property
    def permissions(self):
        """All the permissions the user's groups grant."""
        return {permission for group in self.groups for permission in group.permissions}

    @classmethod
    def by_user_name(cls, username):
        """The user called ``username``, or None."""
        return DBSession.query(cls).filter_by(user_name=username).first()

    # Passwords are never stored: only a salted PBKDF2 hash, as "salt$hash".
    @staticmethod
    def _hash_password(password, salt):
        rounds = PASSWORD_HASH_ROUNDS
        return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, rounds).hex()

    def _set_password(self, password):
        salt = os.urandom(16)
        self._password = f"{salt.hex()}${self._hash_password(password, salt)}"

    def _get_password(self):
        return self._password

    # Assigning user.password = "..." stores the hash.
    password = synonym("_password", descriptor=property(_get_password, _set_password))

    def validate_password(self, password):
        """True if ``password`` is this user's password."""
        if not self._password or "$" not in self._password:
            return False
        salt, expected = self._password.split("$", 1)
        return hmac.compare_digest(self._hash_password(password, bytes.fromhex(salt)), expected)


class Permission(DeclarativeBase):
    """A right that groups grant, e.g. "manage"."""

    __tablename__ = "tg_permission"

    permission_id = Column(Integer, autoincrement=True, primary_key=True)
    permission_name = Column(Unicode(63), unique=True, nullable=False)
    description = Column(Unicode(255))
    groups = relationship(Group, secondary=group_permission_table, backref="permissions")

    def __repr__(self):
        return f"<Permission: name={self.permission_name!r}>"

    def __str__(self):
        return self.permission_name


class LoginSession(DeclarativeBase):
    """One login, kept on the server: the login cookie names it, logging out deletes it.

    The signed login cookie alone would stay valid until it expires, even after
    the user logged out (a copy of it, stolen or left on a shared computer, would
    still open /manage). So each login gets a row here, and a request counts as
    logged in only while its row exists (lib/auth.py).
    """

    __tablename__ = "tg_login_session"

    # A random value (secrets.token_hex), carried in the signed login cookie.
    session_id = Column(Unicode(64), primary_key=True)
    user_id = Column(
        Integer, ForeignKey("tg_user.user_id", ondelete="CASCADE"), nullable=False, index=True
    )
    # When the user logged in (UTC): a login lasts at most lib/auth.py's SESSION_LIFETIME.
    created = Column(DateTime, nullable=False)

    def __repr__(self):
        return f"<LoginSession of user {self.user_id}>"
