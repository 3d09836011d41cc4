"""A backup is one ``.tar.gz``: the database, the media, the private media, a manifest.

* SQLite: a consistent copy made with SQLite's online backup API (the site may keep
  running); restored the same way into the configured database file.
* PostgreSQL: ``pg_dump --format=custom``; restored with ``pg_restore --clean
  --if-exists --no-owner --single-transaction`` (all or nothing).
* ``MEDIA_ROOT`` (images, documents, renditions) and ``PRIVATE_MEDIA_ROOT`` (concours
  applications' documents) as folders; on restore each folder is replaced as a whole.
  Media kept on S3 (``AWS_STORAGE_BUCKET_NAME``) are not in the archive: the bucket's
  versioning and replication are their backup.

The password of the database never appears on a command line (``PGPASSWORD``).
"""

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
FOLDERS = {"media": "MEDIA_ROOT", "private-media": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    pass


def engine():
    vendor = connections["default"].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Unsupported database: {vendor}.")
    return vendor


def media_is_local():
    return settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def _postgres_conninfo():
    """(connection URL without password, environment with PGPASSWORD)."""
    db = settings.DATABASES["default"]
    user = quote(db.get("USER") or "", safe="")
    host = db.get("HOST") or "localhost"
    port = db.get("PORT") or "5432"
    url = f"postgresql://{user + '@' if user else ''}{host}:{port}/{quote(db['NAME'], safe='')}"
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return url, env


def _dump_database(target):
    if engine() == "sqlite":
        name = "database.sqlite3"
        connection = connections["default"]
        connection.ensure_connection()
        with sqlite3.connect(target / name) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        name = "database.dump"
        url, env = _postgres_conninfo()
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target / name}", url],
            env=env,
            check=True,
            capture_output=True,
        )
    return name


def _migrations():
    recorder = MigrationRecorder(connections["default"])
    latest = {}
    for app, name in recorder.migration_qs.values_list("app", "name").order_by("id"):
        latest[app] = name
    return latest


def create(output_dir):
    """Write a backup archive into ``output_dir``; returns its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"predess-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="predess-backup-", dir=output_dir) as work:
        work = Path(work)
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": engine(),
            "database": _dump_database(work),
            "migrations": _migrations(),
            "folders": {},
        }
        for folder in FOLDERS:
            if folder == "media" and not media_is_local():
                manifest["folders"][folder] = "external (S3): not in this archive"
                continue
            manifest["folders"][folder] = "included"
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(work / manifest["database"], arcname=manifest["database"])
            for folder, setting in FOLDERS.items():
                if manifest["folders"][folder] != "included":
                    continue
                source = Path(getattr(settings, setting))
                tar.add(source if source.is_dir() else tempfile.mkdtemp(dir=work), arcname=folder)
        partial.rename(archive)
    archive.chmod(0o600)  # personal data (concours applications)
    return archive


def _safe_members(tar, destination):
    destination = Path(destination).resolve()
    for member in tar.getmembers():
        if member.issym() or member.islnk() or member.isdev():
            raise BackupError(f"Unexpected link or device in the archive: {member.name}")
        if destination not in (destination / member.name).resolve().parents and member.name != ".":
            raise BackupError(f"Unexpected path in the archive: {member.name}")
    return tar.getmembers()


def read_manifest(archive):
    with tarfile.open(archive, "r:gz") as tar:
        return json.loads(tar.extractfile(MANIFEST).read())


def _replace_folder(source, target):
    target = Path(target)
    previous = target.with_name(target.name + ".before-restore")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    shutil.copytree(source, target)
    shutil.rmtree(previous, ignore_errors=True)


def _restore_database(path):
    connections.close_all()
    if engine() == "sqlite":
        with sqlite3.connect(path) as source, sqlite3.connect(settings.DATABASES["default"]["NAME"]) as target:
            source.backup(target)
        source.close()
        target.close()
    else:
        url, env = _postgres_conninfo()
        result = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={url}",
                str(path),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_restore failed:\n{result.stderr}")


def restore(archive):
    """Replace the database and the media folders with those of ``archive``."""
    manifest = read_manifest(archive)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format: {manifest.get('format')}.")
    if manifest["engine"] != engine():
        raise BackupError(f"This backup is of a {manifest['engine']} database; the site uses {engine()}.")
    with tempfile.TemporaryDirectory(prefix="predess-restore-") as work:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, members=_safe_members(tar, work), filter="data")
        work = Path(work)
        _restore_database(work / manifest["database"])
        for folder, setting in FOLDERS.items():
            if manifest["folders"].get(folder) == "included":
                _replace_folder(work / folder, getattr(settings, setting))
    from pagecache import generation

    generation.bump()  # pages cached before the restore must not be served
    return manifest
