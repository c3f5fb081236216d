"""Open311 clients and their keys. The adapter has no domain models: requests are cases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from redress.core import clock


class ApiClient(models.Model):
    """A client application (a mobile reporter, a 311 CRM) allowed to POST requests."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    key_prefix = models.CharField(max_length=8, editable=False)
    # Only a hash of the key is kept: a leaked database does not leak working keys.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    requests_per_minute = models.PositiveIntegerField(_("requests per minute"), default=120)
    queue_requests = models.BooleanField(
        _("answer POSTs with a token"),
        default=False,
        help_text=_("For clients that expect the token flow (tokens/{token})."),
    )
    # The area the client reports for, where a request that names no jurisdiction_id belongs:
    # its address is matched against the names of the places inside, and a request naming none
    # of them goes to this area's own departments (its complaints office when no department
    # there takes the category). Blank: the one top of the area tree.
    jurisdiction = models.ForeignKey(
        "orgs.Jurisdiction",
        verbose_name=_("area served"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Requests that name no jurisdiction_id are placed within this area."),
    )
    may_comment_on_all = models.BooleanField(
        _("may comment on every request"),
        default=False,
        help_text=_(
            "Off: the client may comment only on the requests it submitted. On: on every "
            "request (for the office's own CRM)."
        ),
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class RequestToken(models.Model):
    """The token a queued POST answers with; tokens/{token} resolves it to the request id."""

    token = models.CharField(max_length=36, unique=True)
    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="tokens")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("request token")

    def __str__(self) -> str:
        return self.token


class ClientRequest(models.Model):
    """Which client submitted a case through POST requests: a client comments on its own."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="requests")

    class Meta:
        verbose_name = _("request submitted by a client")

    def __str__(self) -> str:
        return f"{self.case_id} ({self.client_id})"
