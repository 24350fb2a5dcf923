"""Alembic environment: run with the connection the app hands over."""

from alembic import context
from sqlalchemy import create_engine

from vernelogg.store.models import Base

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("Alembic needs sqlalchemy.url or a connection to migrate.")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
