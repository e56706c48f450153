"""The User model, as Pyramid's wiki2 tutorial writes it: a name, a role, a bcrypt hash.

``login_generation`` is this starter's addition: security.py records it in the
session at login and logging out increments it, so a copy of the session
cookie made before logging out no longer logs anyone in.
"""

import bcrypt
from sqlalchemy import Unicode
from sqlalchemy.orm import Mapped, mapped_column

from .meta import Base

# bcrypt reads at most 72 bytes of a password.
PASSWORD_BYTES = 72


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Unicode(64), unique=True)
    role: Mapped[str] = mapped_column(Unicode(32))
    password_hash: Mapped[str | None]
    login_generation: Mapped[int] = mapped_column(default=0)

    def set_password(self, password: str) -> None:
        pwhash = bcrypt.hashpw(password.encode("utf8"), bcrypt.gensalt())
        self.password_hash = pwhash.decode("utf8")

    def check_password(self, password: str) -> bool:
        encoded = password.encode("utf8", "surrogatepass")
        if self.password_hash is None or len(encoded) > PASSWORD_BYTES:
            return False
        return bcrypt.checkpw(encoded, self.password_hash.encode("utf8"))
