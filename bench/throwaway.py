"""A database that only one benchmark run uses: a SQLite file in a temporary folder, or
a new database on the PostgreSQL server given (dropped afterwards). Shared by
``bench/partners.py``, ``bench/agenda.py`` and ``bench/search.py``."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def throwaway_database(postgres_url, prefix="predess_bench"):
    """(DATABASE_URL, cleanup) of a database that only this run uses."""
    if not postgres_url:
        folder = Path(tempfile.mkdtemp(prefix=prefix.replace("_", "-") + "-"))

        def cleanup():
            for file in folder.iterdir():
                file.unlink()
            folder.rmdir()

        return f"sqlite:///{folder / 'bench.sqlite3'}", cleanup

    import psycopg

    parts = urlsplit(postgres_url)
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    name = f"{prefix}_{os.getpid()}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')

    def cleanup():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), cleanup
