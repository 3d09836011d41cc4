"""Every setting of the scaling path is read from the environment (docs/deployment.md)."""

import pytest

from tests.production import run_python

SHOW = """
from django.conf import settings as s
from django.core.files.storage import storages
from pagecache import generation
print(json.dumps({
    "databases": {alias: [c["ENGINE"], c["NAME"], c["CONN_MAX_AGE"]] for alias, c in s.DATABASES.items()},
    "server_side_cursors": {alias: not c.get("DISABLE_SERVER_SIDE_CURSORS") for alias, c in s.DATABASES.items()},
    "routers": s.DATABASE_ROUTERS,
    "caches": {alias: [c["BACKEND"], c.get("LOCATION")] for alias, c in s.CACHES.items()},
    "session_engine": s.SESSION_ENGINE,
    "storages": {alias: [c["BACKEND"], c.get("OPTIONS", {}).get("bucket_name")] for alias, c in s.STORAGES.items()},
    "default_storage": type(storages["default"]).__name__,
    "private_storage": [type(storages["private"]).__name__, getattr(storages["private"], "querystring_auth", None),
                        getattr(storages["private"], "default_acl", None)],
    "frontend_cache": {name: c["BACKEND"] for name, c in s.WAGTAILFRONTENDCACHE.items()},
    "shared_max_age": s.PAGE_CACHE_SHARED_MAX_AGE,
    "search": s.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "search_urls": s.WAGTAILSEARCH_BACKENDS["default"].get("URLS"),
    "static_url": s.STATIC_URL, "media_url": s.MEDIA_URL,
    "img_src": s.CSP_PUBLIC["img-src"],
    "generation_store": generation.store(),
}))
"""


def test_one_machine_defaults(tmp_path):
    values = run_python(tmp_path, SHOW)
    assert list(values["databases"]) == ["default"] and values["routers"] == []
    assert values["caches"]["default"][0].endswith("LocMemCache")
    assert values["caches"]["pages"][0].endswith("LocMemCache")
    assert values["session_engine"] == "django.contrib.sessions.backends.db"
    assert values["default_storage"] == "FileSystemStorage"
    assert values["private_storage"][0] == "PrivateMediaStorage"
    assert values["frontend_cache"] == {} and values["shared_max_age"] == 0
    assert values["search"] == "wagtail.search.backends.database"
    assert values["generation_store"] == "database"  # local memory is per process
    assert values["server_side_cursors"] == {"default": True}


def test_several_machines(tmp_path):
    values = run_python(
        tmp_path,
        SHOW,
        DATABASE_URL="postgres://predess:secret@db-primary.internal:5432/predess",
        DATABASE_REPLICA_URL="postgres://predess:secret@db-replica.internal:5432/predess",
        DATABASE_CONN_MAX_AGE="300",
        REDIS_URL="redis://cache.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="predess-media",
        AWS_PRIVATE_STORAGE_BUCKET_NAME="predess-private",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
        AWS_S3_REGION_NAME="fr-par",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_S3_CUSTOM_DOMAIN="media.predess.example.org",
        MEDIA_URL="https://media.predess.example.org/",
        STATIC_URL="https://static.predess.example.org/static/",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_API_TOKEN="token",
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081",
        ELASTICSEARCH_URL="https://search.internal:9200",
    )
    assert values["databases"]["default"] == ["django.db.backends.postgresql", "predess", 300]
    assert values["databases"]["replica"] == ["django.db.backends.postgresql", "predess", 300]
    assert values["routers"] == ["predess.db_routers.ReplicaRouter"]
    assert values["caches"]["default"] == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.internal:6379/0",
    ]
    assert values["caches"]["pages"][0] == "django.core.cache.backends.redis.RedisCache"
    assert values["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert values["storages"]["default"] == ["storages.backends.s3.S3Storage", "predess-media"]
    assert values["storages"]["private"] == ["storages.backends.s3.S3Storage", "predess-private"]
    assert values["default_storage"] == "S3Storage"
    assert values["private_storage"] == ["S3Storage", True, "private"]
    assert values["frontend_cache"] == {
        "http": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "cloudflare": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
    }
    assert values["shared_max_age"] == 60
    assert values["search"] == "wagtail.search.backends.elasticsearch8"
    assert values["search_urls"] == ["https://search.internal:9200"]
    assert values["static_url"].startswith("https://static.")
    assert "https://media.predess.example.org" in values["img_src"]
    # Read from the replica, like the content it describes (pagecache/generation.py).
    assert values["generation_store"] == "database"


@pytest.mark.parametrize(
    ("env", "origins"),
    [
        ({"AWS_S3_CUSTOM_DOMAIN": "media.predess.example.org"}, ["https://media.predess.example.org"]),
        (
            {"AWS_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud"},
            ["https://s3.fr-par.scw.cloud", "https://predess-media.s3.fr-par.scw.cloud"],
        ),
        ({"AWS_S3_REGION_NAME": "eu-west-3"}, ["https://predess-media.s3.eu-west-3.amazonaws.com"]),
    ],
)
def test_images_of_the_public_bucket_are_allowed_by_the_policy(tmp_path, env, origins):
    """MEDIA_URL left as it is: the policy follows where S3Storage puts the images."""
    values = run_python(
        tmp_path,
        SHOW,
        AWS_STORAGE_BUCKET_NAME="predess-media",
        AWS_PRIVATE_STORAGE_BUCKET_NAME="predess-private",
        **env,
    )
    for origin in origins:
        assert origin in values["img_src"]
    assert "https://predess-private" not in " ".join(values["img_src"])


def test_pgbouncer_transaction_pooling(tmp_path):
    values = run_python(
        tmp_path,
        SHOW,
        DATABASE_URL="postgres://predess:secret@pgbouncer.internal:6432/predess",
        DATABASE_REPLICA_URL="postgres://predess:secret@pgbouncer.internal:6432/predess_replica",
        DATABASE_DISABLE_SERVER_SIDE_CURSORS="true",
    )
    assert values["server_side_cursors"] == {"default": False, "replica": False}


def test_redis_without_replica_keeps_the_generation_in_redis(tmp_path):
    assert run_python(tmp_path, SHOW, REDIS_URL="redis://cache.internal:6379/0")["generation_store"] == "cache"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"AWS_STORAGE_BUCKET_NAME": "media"}, "AWS_PRIVATE_STORAGE_BUCKET_NAME"),
        ({"CLOUDFLARE_ZONE_ID": "zone"}, "CLOUDFLARE_API_TOKEN"),
        ({"PAGE_CACHE_SECONDS": "cinq minutes"}, "PAGE_CACHE_SECONDS"),
        ({"SECRET_KEY": "x" * 60}, "SECRET_KEY"),
        ({"SECRET_KEY": "dev-" + "a1b2c3" * 10}, "SECRET_KEY"),
        ({"SECRET_KEY": "court"}, "SECRET_KEY"),
    ],
)
def test_incomplete_configuration_is_refused(tmp_path, env, message):
    import subprocess
    import sys

    from tests.production import BASE_DIR, production_env

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=production_env(tmp_path, **env),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and message in result.stderr


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_replica_router_reads_from_the_replica_only_for_anonymous_gets(rf, settings):
    from predess.db_routers import ReplicaReadsMiddleware, ReplicaRouter

    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    router = ReplicaRouter()
    seen = {}

    def view(request):
        seen[request.path] = router.db_for_read(None)
        from django.http import HttpResponse

        return HttpResponse()

    middleware = ReplicaReadsMiddleware(view)
    middleware(rf.get("/fiches/"))
    middleware(rf.post("/concours/2026/deposer/"))
    middleware(rf.get("/admin/pages/"))
    logged_in = rf.get("/agenda/")
    logged_in.COOKIES[settings.SESSION_COOKIE_NAME] = "x"
    middleware(logged_in)
    assert seen == {
        "/fiches/": "replica",
        "/concours/2026/deposer/": "default",
        "/admin/pages/": "default",
        "/agenda/": "default",
    }
    assert router.db_for_read(None) == "default" and router.db_for_write(None) == "default"
