"""owners and shares: `assessment.owned_by` and the `share` table

Assessments saved before accounts existed keep `owned_by` empty (NULL): local accounts (the command
line, the single-user app) use them as owners do; signed-in accounts see them once someone gives
them an owner (`readiness share ID --owner ACCOUNT`).

Revision ID: 5c1f0a7d2b93
Revises: eb6851ca5eb0
Create Date: 2026-12-02 12:40:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '5c1f0a7d2b93'
down_revision: Union[str, None] = 'eb6851ca5eb0'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owned_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.create_index(batch_op.f('ix_assessment_owned_by'), ['owned_by'], unique=False)

    op.create_table('share',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('user', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('assessment_id', 'user', name='uq_share_assessment_user')
    )
    with op.batch_alter_table('share', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_share_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_share_user'), ['user'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('share', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_share_user'))
        batch_op.drop_index(batch_op.f('ix_share_assessment_id'))

    op.drop_table('share')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_owned_by'))
        batch_op.drop_column('owned_by')
