"""Photos with a grievance: checked to be real images, re-encoded without metadata, stored
under random names. `image_prepare` is the one check of every door that accepts images (the
public and operator forms here, supervision's report attachments).

An image is judged from its header before any pixel is decoded: Image.open reads only the
header, and the size it gives is what decoding would cost (a 6,300 x 6,300 PNG is 130 KB on
the wire and 120 MB once decoded; three of them took 4.3 s and 390 MB of a worker). JPEGs are
decoded reduced (draft) to what the shrink keeps, so a 48 MP phone photo costs 12 MP; the
pixels still to decode are then capped by REDRESS_PHOTO_MAX_PIXELS. Only the JPEG, PNG and WebP
decoders are tried, never Pillow's others."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from redress.cases.models import Case, CaseAttachment
from redress.core.errors import DomainError

MAX_FILES = 3
MAX_BYTES = 8 * 1024 * 1024
LONGEST_SIDE = 2400
_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


@dataclass(frozen=True)
class PreparedImage:
    content: bytes
    content_type: str
    width: int
    height: int


def image_prepare(data: bytes, *, field: str = "photos") -> PreparedImage:
    """Check, decode, shrink and re-encode one upload, dropping EXIF and other metadata.
    DomainError naming `field` for anything that is not a usable image."""
    if len(data) > MAX_BYTES:
        raise DomainError(_("A photo may be at most 8 MB."), field=field, code="too_large")
    max_pixels: int = settings.REDRESS_PHOTO_MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data), formats=list(_FORMATS)) as probe:
            image_format = probe.format or ""
            # Lazy until here: only the header has been read. draft() shrinks what a JPEG
            # decode will produce (and its size); other formats ignore it.
            probe.draft(None, (LONGEST_SIDE, LONGEST_SIDE))
            width, height = probe.size
            if width * height > max_pixels:
                raise DomainError(
                    _("The photo is too large: at most %(mp)s megapixels.")
                    % {"mp": max_pixels // 1_000_000},
                    field=field,
                    code="too_many_pixels",
                )
            if image_format == "PNG":
                _png_verify(data)
            image = ImageOps.exif_transpose(probe)
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        struct.error,
        Image.DecompressionBombError,
    ):
        raise DomainError(
            _("Photos must be JPEG, PNG or WebP images."), field=field, code="not_an_image"
        ) from None
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    output = io.BytesIO()
    if image_format == "PNG":
        image.save(output, format="PNG", optimize=True)
    else:
        image = image.convert("RGB")
        image.save(output, format="JPEG", quality=85)
        image_format = "JPEG"
    return PreparedImage(output.getvalue(), _FORMATS[image_format], image.width, image.height)


def _png_verify(data: bytes) -> None:
    """Every chunk there and intact (CRCs checked), without decoding. Decoding alone is no
    check: WeasyPrint (the PDF exports) sets ImageFile.LOAD_TRUNCATED_IMAGES for the whole
    process on import, after which a cut-off PNG decodes, padded, without an error."""
    with Image.open(io.BytesIO(data), formats=["PNG"]) as check:
        check.verify()


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
