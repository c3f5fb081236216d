"""Files with a report: PDF documents, or images checked and re-encoded without their metadata
by the same code as grievance photos (redress.cases.services.attachments)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from redress.cases.services.attachments import MAX_BYTES, image_prepare
from redress.core.errors import DomainError

FIELD = "attachments"


@dataclass(frozen=True)
class PreparedFile:
    content: bytes
    content_type: str


def file_prepare(data: bytes) -> PreparedFile:
    if len(data) > MAX_BYTES:
        raise DomainError(_("A file may be at most 8 MB."), field=FIELD, code="too_large")
    if data.startswith(b"%PDF-"):
        # Served only as a download with its own content type, never rendered inline.
        return PreparedFile(content=data, content_type="application/pdf")
    try:
        image = image_prepare(data, field=FIELD)
    except DomainError as error:
        if error.code == "too_many_pixels":
            raise  # an image, too large: say so
        raise DomainError(
            _("Attach PDF documents or JPEG, PNG or WebP images."), field=FIELD, code="invalid_file"
        ) from None
    return PreparedFile(content=image.content, content_type=image.content_type)
