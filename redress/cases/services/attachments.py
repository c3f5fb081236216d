"""Photos with a grievance: checked to be real images, re-encoded without metadata, stored
under random names."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from redress.cases.models import Case, CaseAttachment
from redress.core.errors import DomainError

MAX_FILES = 3
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
LONGEST_SIDE = 2400
_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


@dataclass(frozen=True)
class PreparedImage:
    content: bytes
    content_type: str
    width: int
    height: int


def image_prepare(data: bytes, *, field: str = "photos") -> PreparedImage:
    """Decode, check, shrink and re-encode one upload, dropping EXIF and other metadata."""
    if len(data) > MAX_BYTES:
        raise DomainError(_("A photo may be at most 8 MB."), field=field)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format or ""
            if image_format not in _FORMATS:
                raise DomainError(_("Photos must be JPEG, PNG or WebP images."), field=field)
            if probe.width * probe.height > MAX_PIXELS:
                raise DomainError(_("The photo is too large."), field=field)
            image = ImageOps.exif_transpose(probe)
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise DomainError(_("This file is not a readable image."), field=field) from None
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    output = io.BytesIO()
    if image_format == "PNG":
        image.save(output, format="PNG", optimize=True)
    else:
        image = image.convert("RGB")
        image.save(output, format="JPEG", quality=85)
        image_format = "JPEG"
    return PreparedImage(output.getvalue(), _FORMATS[image_format], image.width, image.height)


def attachments_store(*, case: Case, images: list[PreparedImage]) -> list[CaseAttachment]:
    if len(images) > MAX_FILES:
        raise DomainError(_("At most %(max)s photos.") % {"max": MAX_FILES}, field="photos")
    stored = []
    for prepared in images:
        attachment = CaseAttachment(
            case=case,
            content_type=prepared.content_type,
            size=len(prepared.content),
            width=prepared.width,
            height=prepared.height,
        )
        attachment.file.save("upload", ContentFile(prepared.content), save=False)
        attachment.save()
        stored.append(attachment)
    return stored
