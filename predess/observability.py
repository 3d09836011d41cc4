"""Errors to Sentry, only when ``SENTRY_DSN`` is set (production settings call this)."""


def init_sentry(dsn, *, environment="production", release=None, traces_sample_rate=0.0):
    """Start the Sentry SDK with the Django integration; returns False when there is no DSN."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environment,
        release=release,
        traces_sample_rate=traces_sample_rate,
        # No personal data (user names, IP addresses, cookies) leaves the site.
        send_default_pii=False,
    )
    return True
