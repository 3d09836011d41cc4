"""A read replica for anonymous visitors' pages (``DATABASE_REPLICA_URL``).

Reads go to the replica only while ``ReplicaReadsMiddleware`` serves an anonymous
``GET`` outside the admin; everything else (writes, the admin, logged-in visitors, forms,
management commands) uses the primary, so nobody reads their own change from a replica
that has not received it yet. The content generation of the page cache is read in the
same request from the same replica, so a page is never cached as newer than it is.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_use_replica = ContextVar("use_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _use_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


def request_may_use_replica(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))
    )


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if REPLICA not in settings.DATABASES or not request_may_use_replica(request):
            return self.get_response(request)
        token = _use_replica.set(True)
        try:
            return self.get_response(request)
        finally:
            _use_replica.reset(token)
