"""The notes, the accounts and the session store.

Revision ID: 0001
Revises:
Create Date: 2026-12-07

Made with `alembic revision --autogenerate` (Advanced Alchemy's AlembicCommands)
from models.py, then tidied. `python -m {{ cookiecutter.package_name }} migrate`
applies it, once: Alembic records each applied revision in the alembic_versions table.
"""

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # An integer primary key: BIGINT, or SQLite's INTEGER, which numbers rows itself.
    big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "note",
        sa.Column("id", big_id, nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("created_at", DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", DateTimeUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    op.create_table(
        "user_account",
        sa.Column("id", big_id, nullable=False),
        sa.Column("name", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("name", name=op.f("uq_user_account_name")),
    )
    # Litestar's session store (Advanced Alchemy's SQLAlchemyStore): one row per session.
    op.create_table(
        "session_store",
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("namespace", sa.String(length=255), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.Column("expires_at", DateTimeUTC(timezone=True), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_store")),
        sa.UniqueConstraint("key", "namespace", name="uq_session_store_key_namespace"),
    )
    op.create_index(
        op.f("ix_session_store_expires_at"), "session_store", ["expires_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_session_store_expires_at"), table_name="session_store")
    op.drop_table("session_store")
    op.drop_table("user_account")
    op.drop_table("note")
