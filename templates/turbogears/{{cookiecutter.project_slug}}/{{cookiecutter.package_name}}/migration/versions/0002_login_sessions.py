"""Login sessions kept on the server, so that logging out ends a login for good.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tg_login_session",
        sa.Column("session_id", sa.Unicode(64), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("tg_user.user_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_tg_login_session_user_id", "tg_login_session", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_tg_login_session_user_id", table_name="tg_login_session")
    op.drop_table("tg_login_session")
