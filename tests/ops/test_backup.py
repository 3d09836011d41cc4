"""make backup / make restore: database and media round trip, on the suite's database engine.

The site backed up is a copy of the test database (SQLite: a file made with SQLite's
backup API; PostgreSQL: a database of its own, filled with pg_dump/pg_restore), run by
``manage.py`` in a subprocess as an operator would. Between backup and restore the
database and the files are changed; the restore must bring them back exactly.
"""

import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from backups import archive

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


class ScratchSite:
    """A copy of the test database, with its media folders, for manage.py subprocesses."""

    def __init__(self, tmp_path):
        self.tmp = tmp_path
        self.media = tmp_path / "media"
        self.private = tmp_path / "private-media"
        self.backups = tmp_path / "backups"
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self._copy_postgres()
        else:
            self.path = tmp_path / "site.sqlite3"
            with sqlite3.connect(self.path) as copy:
                connection.connection.backup(copy)
            copy.close()
            self.url = f"sqlite:///{self.path}"

    def _copy_postgres(self):
        import psycopg

        source = os.environ["DATABASE_URL"]
        parts = urlsplit(source)
        self.admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
        self.name = f"predess_backup_test_{os.getpid()}"
        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            conn.execute(f'CREATE DATABASE "{self.name}"')
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        test_db = urlunsplit(parts._replace(scheme="postgresql", path=f"/{connection.settings_dict['NAME']}"))
        dump = subprocess.run(["pg_dump", "--format=custom", "--no-owner", test_db], capture_output=True, check=True)
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={urlunsplit(urlsplit(self.url)._replace(scheme='postgresql'))}"],
            input=dump.stdout,
            capture_output=True,
            check=True,
        )

    def drop(self):
        if self.postgres:
            import psycopg

            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def manage(self, *args):
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")}
        env.update(
            DJANGO_SETTINGS_MODULE="predess.settings.dev",
            DEBUG="false",
            DATABASE_URL=self.url,
            MEDIA_ROOT=str(self.media),
            PRIVATE_MEDIA_ROOT=str(self.private),
            BACKUP_DIR=str(self.backups),
            CACHE_KEY_PREFIX=f"predess-backup-test-{os.getpid()}",
        )
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout.strip()

    def sql(self, query):
        if self.postgres:
            import psycopg

            with psycopg.connect(urlunsplit(urlsplit(self.url)._replace(scheme="postgresql")), autocommit=True) as conn:
                cursor = conn.execute(query)
                return cursor.fetchall() if cursor.description else None
        with sqlite3.connect(self.path) as conn:
            rows = conn.execute(query).fetchall()
        conn.close()
        return rows


@pytest.fixture
def site(tmp_path):
    scratch = ScratchSite(tmp_path)
    try:
        yield scratch
    finally:
        scratch.drop()


def test_backup_and_restore_round_trip(site):
    (site.media / "original_images").mkdir(parents=True)
    (site.media / "original_images" / "photo.jpg").write_bytes(b"\xff\xd8\xff image")
    (site.private / "concours" / "2026").mkdir(parents=True)
    (site.private / "concours" / "2026" / "dossier.pdf").write_bytes(b"%PDF-1.4 private")
    pages_before = site.sql("SELECT id, title FROM wagtailcore_page ORDER BY id")
    sites_before = site.sql("SELECT id, hostname FROM wagtailcore_site ORDER BY id")

    archive_path = Path(site.manage("backup_site"))
    assert archive_path.parent == site.backups and archive_path.name.endswith(".tar.gz")
    assert oct(archive_path.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive_path) as tar:
        names = set(tar.getnames())
    assert {"manifest.json", "media/original_images/photo.jpg", "private-media/concours/2026/dossier.pdf"} <= names
    assert ("database.dump" if site.postgres else "database.sqlite3") in names

    # Everything changes after the backup: content, files.
    site.sql("UPDATE wagtailcore_page SET title = 'Écrasé' WHERE depth > 1")
    site.sql("UPDATE wagtailcore_site SET hostname = 'ecrase.example.org'")
    site.sql("DELETE FROM wagtailcore_pageviewrestriction_groups")
    (site.media / "original_images" / "photo.jpg").unlink()
    (site.media / "later.txt").write_text("added after the backup")
    (site.private / "concours" / "2026" / "dossier.pdf").write_bytes(b"tampered")

    site.manage("restore_site", str(archive_path), "--noinput")

    assert site.sql("SELECT id, title FROM wagtailcore_page ORDER BY id") == pages_before
    assert site.sql("SELECT id, hostname FROM wagtailcore_site ORDER BY id") == sites_before
    assert site.sql("SELECT COUNT(*) FROM wagtailcore_pageviewrestriction_groups")[0][0] > 0
    assert (site.media / "original_images" / "photo.jpg").read_bytes() == b"\xff\xd8\xff image"
    assert not (site.media / "later.txt").exists()
    assert (site.private / "concours" / "2026" / "dossier.pdf").read_bytes() == b"%PDF-1.4 private"
    # The restored site still works.
    assert "PREDESS" in site.manage("shell", "-c", "from home.models import HomePage; print(HomePage.objects.first())")


def test_an_archive_with_links_or_escaping_paths_is_refused(tmp_path):
    import io
    import json

    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        data = json.dumps(
            {"format": 1, "engine": connection.vendor, "database": "x", "folders": {}, "created_at": "now"}
        ).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("media/passwd")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tar.addfile(link)
    with pytest.raises(archive.BackupError):
        archive.restore(evil)


def test_a_backup_of_another_engine_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "read_manifest", lambda path: {"format": 1, "engine": "oracle", "created_at": ""})
    with pytest.raises(archive.BackupError, match="oracle"):
        archive.restore(tmp_path / "whatever.tar.gz")
