"""The contact vault: complainants' contact details, apart from the case and encrypted.

Nothing here is ever listed, exported or logged; the only way to read a row is
`redress.cases.services.contact.contact_read`, which checks the reader and logs the reading."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from redress.core import clock


class ComplainantContact(models.Model):
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="contact", primary_key=True
    )
    # Fernet token of a JSON object {name, phone, email, address}.
    ciphertext = models.BinaryField()
    consent_to_contact = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=clock.now)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("complainant contact")
        verbose_name_plural = _("complainant contacts")

    def __str__(self) -> str:
        # Never the details themselves: this string may reach logs and admin pages.
        return f"contact for case {self.case_id}"

    def __repr__(self) -> str:
        return f"<ComplainantContact case={self.case_id}>"


class ContactReading(models.Model):
    """One audited reading of a case's contact details."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("contact reading")
        verbose_name_plural = _("contact readings")

    def __str__(self) -> str:
        return f"reading of case {self.case_id} contact by user {self.reader_id}"
