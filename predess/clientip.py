"""The client's IP address, the one rule every rate limit of the site uses."""

from django.conf import settings


def client_address(request):
    """``REMOTE_ADDR``, or behind a reverse proxy the header that the proxy sets (and
    overwrites) named by ``CLIENT_IP_HEADER``, e.g. ``HTTP_X_REAL_IP``; its last address
    when it holds a list (the one the proxy added). A header is never trusted unless that
    setting names it: any client can send one. "" without a request or an address."""
    if request is None:
        return ""
    header = getattr(settings, "CLIENT_IP_HEADER", None)
    if header:
        address = request.META.get(header, "").split(",")[-1].strip()
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "")
