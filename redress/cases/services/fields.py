"""Validation of the answers to a category's extra questions (CategoryField)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from redress.cases.models import Category, CategoryField, FieldType
from redress.core import clock
from redress.core.errors import DomainError
from redress.core.refcache import reference_cache

VALUE_MAX = 2000


def extra_field_error_name(code: str) -> str:
    return f"attribute[{code}]"


def extra_fields_clean(*, category: Category, values: Mapping[str, object]) -> dict[str, object]:
    """Check each answer against its field's type, required flag and list of values; return
    the answers to store. Unknown codes are refused so that typos do not vanish silently."""
    fields = _fields_of(category.pk)
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise DomainError(
            _("This category has no question “%(code)s”.") % {"code": unknown[0]},
            field=extra_field_error_name(unknown[0]),
        )
    cleaned: dict[str, object] = {}
    for code, field in fields.items():
        raw = values.get(code)
        if raw is None or raw == "" or raw == []:
            if field.required:
                raise DomainError(
                    _("%(question)s is required.") % {"question": field.label},
                    field=extra_field_error_name(code),
                    code="required",
                )
            continue
        cleaned[code] = _clean_value(field, raw)
    return cleaned


@reference_cache()
def _fields_of(category_id: int) -> dict[str, CategoryField]:
    return {field.code: field for field in CategoryField.objects.filter(category_id=category_id)}


def _clean_value(field: CategoryField, raw: object) -> object:
    name = extra_field_error_name(field.code)
    if field.datatype == FieldType.MULTI_CHOICE:
        items = raw if isinstance(raw, list) else [raw]
        keys = [str(item) for item in items]
        bad = [key for key in keys if key not in field.choice_keys]
        if bad:
            raise DomainError(
                _("“%(value)s” is not one of the allowed values.") % {"value": bad[0]}, field=name
            )
        return keys
    if isinstance(raw, list):
        if len(raw) != 1:
            raise DomainError(_("Give one value."), field=name)
        raw = raw[0]
    text = str(raw).strip()
    if len(text) > VALUE_MAX:
        raise DomainError(
            _("The value is longer than %(max)s characters.") % {"max": VALUE_MAX}, field=name
        )
    if field.datatype == FieldType.NUMBER:
        try:
            number = float(text)
        except ValueError:
            raise DomainError(_("Give a number."), field=name) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise DomainError(_("Give a finite number."), field=name)
        return int(number) if number.is_integer() else number
    if field.datatype == FieldType.DATETIME:
        try:
            return clock.iso_datetime_parse(text).isoformat()
        except ValueError:
            message = _(
                "Give a real ISO 8601 date and time between the years %(first)s and %(last)s."
            )
            years = {"first": clock.YEARS_ACCEPTED.start, "last": clock.YEARS_ACCEPTED.stop - 1}
            raise DomainError(message % years, field=name) from None
    if field.datatype == FieldType.SINGLE_CHOICE:
        if text not in field.choice_keys:
            raise DomainError(
                _("“%(value)s” is not one of the allowed values.") % {"value": text}, field=name
            )
        return text
    if field.datatype == FieldType.STRING and len(text) > 200:
        raise DomainError(_("The value is longer than 200 characters."), field=name)
    return text
