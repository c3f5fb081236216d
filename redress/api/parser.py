"""Request parsing that refuses, as a 400 or 422 naming the input, what the database would
refuse later with a 500: NUL characters and unpaired surrogates (PostgreSQL rejects both in
text and jsonb), and the non-standard JSON constants NaN and Infinity."""

from __future__ import annotations

import json
import re
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.errors import ValidationError
from ninja.parser import Parser
from ninja.types import DictStrAny

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON.")


def _check(value: Any) -> None:
    if isinstance(value, str):
        if _UNSTORABLE.search(value):
            raise ValueError("Text may not contain NUL characters or unpaired surrogates.")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key)
            _check(item)
    elif isinstance(value, list):
        for item in value:
            _check(item)


class StrictParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        data = json.loads(request.body, parse_constant=_refuse_constant)
        _check(data)
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> DictStrAny:
        for key, values in data.lists():
            if any(_UNSTORABLE.search(str(text)) for text in [key, *values]):
                raise ValidationError(
                    [
                        {
                            "loc": ("query", key),
                            "msg": "Text may not contain NUL characters.",
                            "type": "invalid_characters",
                        }
                    ]
                )
        return super().parse_querydict(data, list_fields, request)
