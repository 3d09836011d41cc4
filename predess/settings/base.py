"""Settings shared by every environment. Everything that differs comes from the environment."""

from pathlib import Path

import dj_database_url

from predess.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "predess"

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "fiches",
    "concours",
    "partners",
    "agenda",
    "accounts",
    "ardess",
    "search",
    "pagecache",
    "backups",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # /healthz, before the host check and the HTTPS redirect (see predess/health.py).
    "predess.health.HealthCheckMiddleware",
    # Anonymous reads from the replica, when there is one (see predess/db_routers.py).
    "predess.db_routers.ReplicaReadsMiddleware",
    # Whole pages of anonymous visitors: a hit skips everything below (pagecache/middleware.py).
    # Above the security headers, which are stored with the page; under gunicorn a hit is
    # answered even before Django's handling (pagecache/wsgi.py). Static files and media
    # are not looked up (PAGE_CACHE_EXCLUDED_PATHS).
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "predess.middleware.SecurityHeadersMiddleware",
    "predess.middleware.SafeGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "predess.urls"
WSGI_APPLICATION = "predess.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite by default (zero set-up), PostgreSQL when DATABASE_URL is set; a read
# replica for anonymous visitors' pages when DATABASE_REPLICA_URL is set.
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 60)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=DATABASE_CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASE_CONN_MAX_AGE, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["predess.db_routers.ReplicaRouter"]
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Behind PgBouncer in transaction pooling mode, server-side cursors must be off.
if env_bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", False):
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, local memory otherwise. Whole pages have a cache of
# their own ("pages"), so that they never push out the login throttle's counters.
REDIS_URL = env_str("REDIS_URL")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "predess")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 600,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-pages",
        },
    }
    # Sessions in the database, read through Redis (write-through: nothing is lost on a flush).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "predess",
            "TIMEOUT": 600,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "predess-pages",
            # Per process: at about 30 KB a page, 500 pages are 15 MB per gunicorn worker.
            "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 500)},
        },
    }

# Whole responses of anonymous visitors (pagecache/middleware.py); 0 turns it off.
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# The parts every page repeats (site, navigation, view restrictions), kept per content
# generation (pagecache/memo.py), also for the pages that are rendered; 0 turns it off.
PAGE_MEMO_SECONDS = env_int("PAGE_MEMO_SECONDS", 300)
PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/static/", "/media/", "/healthz", "/_util/"]
# Content whose changes are not shown to visitors (pagecache/signals.py).
PAGE_CACHE_IGNORED_MODELS = ["concours.Candidature", "concours.CandidatureDocument", "home.LoadedContent"]
# "database", "cache" or "auto" (pagecache/generation.py).
CONTENT_GENERATION_STORE = env_str("CONTENT_GENERATION_STORE", "auto")
# A CDN in front (wagtail.contrib.frontend_cache), purged on publication: pages it may keep
# get "Cache-Control: public, s-maxage=…" (seconds; 0 = no header).
PAGE_CACHE_SHARED_MAX_AGE = env_int("PAGE_CACHE_SHARED_MAX_AGE", 0)
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_PURGE_URL"):
    # Varnish, nginx proxy_cache_purge, Fastly… : a PURGE request per URL.
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL"),
    }
if env_str("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env_str("CLOUDFLARE_API_TOKEN", required=True),
        "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
    }
if WAGTAILFRONTENDCACHE and not PAGE_CACHE_SHARED_MAX_AGE:
    PAGE_CACHE_SHARED_MAX_AGE = 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first, English beside it.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static and media files. Static files: hashed names, gzip and brotli copies, served by
# WhiteNoise with "Cache-Control: max-age=315360000, immutable" (STATIC_URL may be a CDN).
STATIC_URL = env_str("STATIC_URL", "/static/")
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Concours applications' documents: never served by URL (concours/storage.py).
    "private": {"BACKEND": "concours.storage.PrivateMediaStorage"},
}
# Media on S3-compatible storage (django-storages) when a bucket is named: uploads in a
# public bucket, concours documents in a private one (no public URL, no listing).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _s3_options = {
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),
        "region_name": env_str("AWS_S3_REGION_NAME"),
        "access_key": env_str("AWS_ACCESS_KEY_ID"),
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_options,
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN"),
            "querystring_auth": False,
            "default_acl": None,  # the bucket's policy makes it public
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_options,
            "bucket_name": env_str("AWS_PRIVATE_STORAGE_BUCKET_NAME", required=True),
            "querystring_auth": True,
            "querystring_expire": 60,
            "default_acl": "private",
        },
    }
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Form fields other than files (the admin's big forms, the concours application): 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploads above this size are streamed to a temporary file instead of kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# No uploaded file is received beyond this size (forms have their own, lower limits),
# and no request carries more than this many files. The reverse proxy should also cap
# the request body (e.g. nginx ``client_max_body_size 64m``).
FILE_UPLOAD_HARD_LIMIT = env_int("FILE_UPLOAD_HARD_LIMIT", 25 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_HANDLERS = [
    "home.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Backups (make backup / make restore, backups/archive.py): where archives are written.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups-archives")))

# Private files (concours applications): outside MEDIA_ROOT, never served by URL; only
# the permission-checked view of the concours app reads them. Back this folder up.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))

# Concours bourguignon de l'ESS: applications.
# Each uploaded document (fiche signalétique, dossier de présentation, annexes), in bytes.
CONCOURS_MAX_FILE_SIZE = env_int("CONCOURS_MAX_FILE_SIZE", 10 * 1024 * 1024)
CONCOURS_MAX_ANNEXES = 3
# Applications are deleted this many years after their edition (purge_concours_applications).
CONCOURS_RETENTION_YEARS = 3
# Who is told of each new application (comma-separated addresses).
CONCOURS_NOTIFICATION_EMAILS = env_list("CONCOURS_NOTIFICATION_EMAILS")
# At most this many applications per client IP address per period (seconds).
# Behind a reverse proxy, the request header holding the client's address, as Django
# names it (e.g. HTTP_X_REAL_IP for nginx's "proxy_set_header X-Real-IP $remote_addr").
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")
CONCOURS_RATE_LIMIT = (env_int("CONCOURS_RATE_LIMIT", 5), env_int("CONCOURS_RATE_LIMIT_PERIOD", 3600))

# Wagtail.
WAGTAIL_SITE_NAME = "PREDESS Bourgogne"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public host name and port of the default Wagtail Site (canonical links, sitemap,
# feeds, exports, CDN purges): ``load_predess`` sets them when given; unset, the Site
# keeps what it has (localhost:80 at first, or what staff set in the admin).
SITE_HOSTNAME = env_str("SITE_HOSTNAME", "")
SITE_PORT = env_int("SITE_PORT", 443)
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Plain ASCII addresses ("atelier-cooperatif", not "atelier-coopératif"): they survive
# copy-paste into mails and printed documents without percent-encoding.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Search: Wagtail's database backend (SQLite FTS5 / PostgreSQL full text) by default,
# Elasticsearch with a French analyzer when ELASTICSEARCH_URL is set.
# The French analyzer of every text field: elisions (l’, d’, qu’…) removed, lower case,
# French stop words, accents folded, light French stemming ("coopératives" → "cooperatif").
ELASTICSEARCH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
                },
                "french_stop": {"type": "stop", "stopwords": "_french_"},
                "french_stemmer": {"type": "stemmer", "language": "light_french"},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["french_elision", "lowercase", "french_stop", "asciifolding", "french_stemmer"],
                }
            },
        }
    }
}
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_BACKEND = env_str("ELASTICSEARCH_BACKEND", "wagtail.search.backends.elasticsearch8")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": ELASTICSEARCH_BACKEND,
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", "predess_"),
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": ELASTICSEARCH_INDEX_SETTINGS,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            # PostgreSQL: accents folded and French stemming, for the index and the queries
            # (search/migrations/0001_french_unaccent.py). SQLite's FTS5 has no setting.
            "SEARCH_CONFIG": "french_unaccent" if DATABASE_IS_POSTGRES else None,
        }
    }

# Mail.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PREDESS Bourgogne <ne-pas-repondre@predess.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")

# Front-end accounts (ARDESS participants): Django's auth views in the site's design.
AUTHENTICATION_BACKENDS = ["accounts.backends.ThrottledModelBackend"]
LOGIN_URL = "/connexion/"
LOGIN_REDIRECT_URL = "ardess_space"
# The Wagtail admin's login form, with the same lock message.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
# Wagtail's page privacy ("private, for these groups") sends visitors to the same page.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# Brute-force protection: after LOGIN_FAILURE_LIMIT failed attempts for one user name from
# one address within LOGIN_FAILURE_WINDOW seconds, logins are refused for LOGIN_LOCKOUT_SECONDS.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW = env_int("LOGIN_FAILURE_WINDOW", 15 * 60)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Password reset e-mails: at most this many requests per address and hour.
PASSWORD_RESET_REQUEST_LIMIT = env_int("PASSWORD_RESET_REQUEST_LIMIT", 5)
PASSWORD_RESET_WINDOW = 3600
PASSWORD_RESET_TIMEOUT = 2 * 24 * 3600  # a reset (or invitation) link works for two days

# Security headers (predess/middleware.py). The public site: scripts and styles from the
# site's files only. The admin (and logged-in users' pages, which carry the user bar): what
# Wagtail's admin needs, framing by the site itself for the preview panel.
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
CSP_ADMIN_PATHS = ["/admin/"]
_frames = env_list(
    "CSP_FRAME_SRC", ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"]
)
_external = [url.split("/", 3)[0] + "//" + url.split("/", 3)[2] for url in (STATIC_URL, MEDIA_URL) if "://" in url]
if AWS_STORAGE_BUCKET_NAME:
    # Images of the public bucket are linked where S3Storage puts them: its custom domain,
    # or the endpoint (path or virtual-host style), or AWS's own addresses.
    _custom_domain = env_str("AWS_S3_CUSTOM_DOMAIN")
    _endpoint = (env_str("AWS_S3_ENDPOINT_URL") or "").rstrip("/")
    _region = env_str("AWS_S3_REGION_NAME")
    if _custom_domain:
        _external.append(f"https://{_custom_domain}")
    elif _endpoint:
        _scheme, _host = _endpoint.split("://", 1)
        _external += [_endpoint, f"{_scheme}://{AWS_STORAGE_BUCKET_NAME}.{_host}"]
    else:
        _external += [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]
        if _region:
            _external.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{_region}.amazonaws.com")
    _external = list(dict.fromkeys(_external))
CSP_PUBLIC = {
    "default-src": ["'self'"],
    "script-src": ["'self'", *_external],
    "style-src": ["'self'", *_external],
    "img-src": ["'self'", "data:", *_external],
    "font-src": ["'self'", *_external],
    "media-src": ["'self'", *_external],
    "connect-src": ["'self'"],
    "frame-src": _frames,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CSP_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'", *_external],
    "style-src": ["'self'", "'unsafe-inline'", *_external],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:", *_external],
    "media-src": ["'self'", *_external],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *_frames],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
if env_str("CSP_REPORT_URI"):
    CSP_PUBLIC["report-uri"] = CSP_ADMIN["report-uri"] = [env_str("CSP_REPORT_URI")]
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sessions end when the browser closes, and after SESSION_COOKIE_AGE seconds without activity.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 4 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Documents always go through Wagtail's view, which checks the collection's privacy; the
# files themselves are never served from MEDIA_URL (see predess/urls.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Images cannot be put in a private collection: their renditions are plain public files.
WAGTAILIMAGES_IMAGE_FORM_BASE = "ardess.forms.PublicCollectionImageForm"
