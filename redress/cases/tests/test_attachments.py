"""The one photo check every door runs: dimensions read from the header before anything is
decoded, pixels, bytes and count capped, non-images refused, naming the field."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from PIL import Image, ImageFile

from redress.cases.services.attachments import image_prepare
from redress.cases.testing import png_of_zeros
from redress.core.errors import DomainError


def _png(size: tuple[int, int], **options: Any) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(output, format="PNG", **options)
    return output.getvalue()


def _jpeg(size: tuple[int, int]) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(output, format="JPEG", quality=80)
    return output.getvalue()


def test_a_huge_png_is_refused_from_its_header_without_decoding(monkeypatch: Any) -> None:
    data = png_of_zeros((6300, 6300))  # 40 MP in about 120 KB
    assert len(data) < 400_000
    assert Image.open(io.BytesIO(data)).size == (6300, 6300)

    def no_decoding(self: Any) -> None:
        raise AssertionError("decoded")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", no_decoding)
    started = time.perf_counter()
    with pytest.raises(DomainError) as error:
        image_prepare(data)
    assert error.value.field == "photos" and error.value.code == "too_many_pixels"
    assert time.perf_counter() - started < 1


def test_the_pixel_cap_is_a_setting(settings: Any) -> None:
    settings.REDRESS_PHOTO_MAX_PIXELS = 100 * 100
    assert image_prepare(_png((100, 100))).width == 100
    with pytest.raises(DomainError):
        image_prepare(_png((101, 100)))


def test_a_large_jpeg_is_decoded_reduced(settings: Any) -> None:
    # 8000 x 6000 from a 48 MP phone camera: decoded at half size, within the cap.
    settings.REDRESS_PHOTO_MAX_PIXELS = 13_000_000
    prepared = image_prepare(_jpeg((8000, 6000)))
    assert (prepared.width, prepared.height) == (2400, 1800)


def _bomb() -> bytes:
    # Past Pillow's own decompression-bomb limit (2 x 89 MP): refused by Image.open itself.
    return png_of_zeros((30000, 30000), rows=10)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"just some text, renamed photo.jpg\n" * 20, id="text"),
        pytest.param(_png((200, 200))[:300], id="truncated_png"),
        pytest.param(png_of_zeros((200, 200))[:60], id="png_cut_in_its_data"),
        pytest.param(png_of_zeros((200, 200))[:-12], id="png_without_its_end"),
        pytest.param(b"\x89PNG\r\n\x1a\n", id="png_signature_only"),
        pytest.param(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", id="eps"),
        pytest.param(b"GIF89a" + b"\0" * 100, id="gif"),
        pytest.param(b"", id="empty"),
    ],
)
@pytest.mark.parametrize("truncated_allowed", [False, True])
def test_non_images_are_refused(data: bytes, truncated_allowed: bool, monkeypatch: Any) -> None:
    # WeasyPrint, once imported (the PDF exports), lets Pillow decode cut-off files.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", truncated_allowed)
    with pytest.raises(DomainError) as error:
        image_prepare(data)
    assert error.value.field == "photos"


def test_a_decompression_bomb_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        image_prepare(_bomb())
    assert error.value.field == "photos"


def test_too_many_bytes_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        image_prepare(b"\xff\xd8" + b"\0" * (8 * 1024 * 1024))
    assert error.value.field == "photos"
