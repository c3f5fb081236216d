"""The one check on where a page may send the browser next: a `next` field (or any other
address taken from the request) is followed only when it stays on this site, so no link can
bounce a signed-in officer to a look-alike sign-in page elsewhere."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_redirect_target(request: HttpRequest, target: str, *, default: str) -> str:
    """`target` if it points at this site (same host, and https when the request was),
    otherwise `default`."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def safe_next(request: HttpRequest, *, default: str) -> str:
    """The request's `next` field (POST, else GET) if it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return safe_redirect_target(request, str(target), default=default)
