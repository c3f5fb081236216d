"""Personal API tokens. The API itself has no domain models: it serves cases and organisations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from redress.core import clock


class ApiToken(models.Model):
    """A token a member of staff uses as `Authorization: Bearer TOKEN`. It acts as that user,
    with exactly their role and scope."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_prefix = models.CharField(max_length=12, editable=False)
    # Only a hash of the token is kept: a leaked database does not leak working tokens.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.key_prefix}… ({self.name or self.user_id})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
