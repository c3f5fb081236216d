"""Every dataio test stores its uploads in its own folder and runs at one moment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from redress.core import clock
from redress.dataio.testing import NOW


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _now() -> Any:
    with clock.frozen_at(NOW):
        yield
