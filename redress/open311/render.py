"""GeoReport v2 answers in JSON or XML, with the same shapes: JSON mirrors XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpResponse

from redress.core.text import xml_safe

JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"

# Element names of list members in XML, by the name of the list.
_ITEM_NAMES = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "keywords": "keyword",
}


def _text(value: Any) -> str:
    """Text XML 1.0 can carry: a control character stored before the doors refused them must
    not make the whole answer unreadable for every client (FixMyStreet reads only XML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else xml_safe(str(value))


def _append(parent: ET.Element, name: str, value: Any) -> None:
    element = ET.SubElement(parent, name)
    if isinstance(value, Mapping):
        for key, child in value.items():
            _append(element, key, child)
    elif isinstance(value, list | tuple):
        item_name = _ITEM_NAMES.get(name, "item")
        for child in value:
            _append(element, item_name, child)
    else:
        element.text = _text(value)


def to_xml(root: str, payload: Any) -> bytes:
    element = ET.Element(root)
    if isinstance(payload, Mapping):
        for key, value in payload.items():
            _append(element, key, value)
    else:
        item_name = _ITEM_NAMES.get(root, "item")
        for item in payload:
            _append(element, item_name, item)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="utf-8")


def respond(
    fmt: str, root: str, payload: Mapping[str, Any] | Sequence[Any], status: int = 200
) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(to_xml(root, payload), content_type=XML_TYPE, status=status)
    # json.dumps escapes control characters itself; xml_safe then replaces what UTF-8 cannot
    # encode (an unpaired surrogate read back from SQLite) instead of failing the answer.
    body = xml_safe(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    return HttpResponse(body.encode("utf-8"), content_type=JSON_TYPE, status=status)


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """The spec's error list: [{code, description}] / <errors><error>...</error></errors>."""
    return respond(fmt, "errors", [{"code": status, "description": description}], status=status)
