"""Counting failures in the cache to slow down password guessing (no extra package).

A ``Throttle`` counts events per key (for logins: the user name and the client's address)
in a fixed window that opens at the first failure. When the count reaches the limit, the
key is locked for ``lockout`` seconds: even the right password is refused until then.
The window's start and the lock's end are stored as times and compared with
``time.time()``, so the rule does not depend on the cache backend's expiry (Redis or
local memory) and tests can move the clock.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Throttle:
    scope: str
    limit_setting: str
    window_setting: str
    lockout_setting: str

    @property
    def limit(self):
        return getattr(settings, self.limit_setting)

    @property
    def window(self):
        return getattr(settings, self.window_setting)

    @property
    def lockout(self):
        return getattr(settings, self.lockout_setting)

    def _keys(self, *parts):
        digest = hashlib.sha256("\x1f".join(str(p).strip().lower() for p in parts).encode()).hexdigest()
        prefix = f"throttle:{self.scope}"
        return f"{prefix}:count:{digest}", f"{prefix}:start:{digest}", f"{prefix}:lock:{digest}"

    def locked_until(self, *parts):
        """The time (``time.time()`` seconds) the lock ends, or None when not locked."""
        until = cache.get(self._keys(*parts)[2])
        if until is not None and until > time.time():
            return until
        return None

    def is_locked(self, *parts):
        return self.locked_until(*parts) is not None

    def hit(self, *parts):
        """Count one event; lock when the limit is reached. Returns True when now locked."""
        if self.is_locked(*parts):
            return True
        count_key, start_key, lock_key = self._keys(*parts)
        now = time.time()
        started = cache.get(start_key)
        if started is None or now - started >= self.window:
            cache.set_many({start_key: now, count_key: 0}, self.window)
        try:
            count = cache.incr(count_key)  # atomic with Redis
        except ValueError:  # expired meanwhile
            cache.set(count_key, 1, self.window)
            count = 1
        if count >= self.limit:
            cache.set(lock_key, now + self.lockout, self.lockout)
            cache.delete_many([count_key, start_key])
            return True
        return False

    def reset(self, *parts):
        cache.delete_many(self._keys(*parts))


login_throttle = Throttle("login", "LOGIN_FAILURE_LIMIT", "LOGIN_FAILURE_WINDOW", "LOGIN_LOCKOUT_SECONDS")
# Password reset requests per client address: one hour window, one hour lock.
password_reset_throttle = Throttle(
    "password-reset", "PASSWORD_RESET_REQUEST_LIMIT", "PASSWORD_RESET_WINDOW", "PASSWORD_RESET_WINDOW"
)
