"""Autogenerate a migration from the models: `python -m assessments.migrations.revision "message"`.

It compares the models with a scratch SQLite database brought up to the current head, so the
new script contains only what changed. Review the generated file before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from assessments.database import alembic_config, create_db_engine, migrate, writer


def main(message: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_db_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        migrate(engine)
        config = alembic_config()
        with writer(engine).begin() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "schema change")
