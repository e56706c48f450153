"""The first schema: notes, and the users, groups and permissions of the login.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("text", sa.Unicode(500), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    groups = op.create_table(
        "tg_group",
        sa.Column("group_id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("group_name", sa.Unicode(16), nullable=False, unique=True),
        sa.Column("display_name", sa.Unicode(255)),
        sa.Column("created", sa.DateTime()),
    )
    permissions = op.create_table(
        "tg_permission",
        sa.Column("permission_id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("permission_name", sa.Unicode(63), nullable=False, unique=True),
        sa.Column("description", sa.Unicode(255)),
    )
    op.create_table(
        "tg_user",
        sa.Column("user_id", sa.Integer(), autoincrement=True, primary_key=True),
        sa.Column("user_name", sa.Unicode(16), nullable=False, unique=True),
        sa.Column("email_address", sa.Unicode(255), nullable=False, unique=True),
        sa.Column("display_name", sa.Unicode(255)),
        sa.Column("password", sa.Unicode(128)),
        sa.Column("created", sa.DateTime()),
    )
    group_permissions = op.create_table(
        "tg_group_permission",
        sa.Column(
            "group_id",
            sa.Integer(),
            sa.ForeignKey("tg_group.group_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "permission_id",
            sa.Integer(),
            sa.ForeignKey("tg_permission.permission_id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "tg_user_group",
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("tg_user.user_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "group_id",
            sa.Integer(),
            sa.ForeignKey("tg_group.group_id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    # Seed data: the "managers" group and the "manage" permission it grants.
    # Accounts come from `python -m {{ cookiecutter.package_name }} create-admin`, never from here.
    op.bulk_insert(groups, [{"group_name": "managers", "display_name": "Managers"}])
    op.bulk_insert(
        permissions, [{"permission_name": "manage", "description": "Open the manage page"}]
    )
    op.execute(
        group_permissions.insert().values(
            group_id=sa.select(groups.c.group_id)
            .where(groups.c.group_name == "managers")
            .scalar_subquery(),
            permission_id=sa.select(permissions.c.permission_id)
            .where(permissions.c.permission_name == "manage")
            .scalar_subquery(),
        )
    )


def downgrade() -> None:
    for table in (
        "tg_user_group",
        "tg_group_permission",
        "tg_user",
        "tg_permission",
        "tg_group",
        "notes",
    ):
        op.drop_table(table)
