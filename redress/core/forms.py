"""What every HTML form of a door shares: its text fields refuse what cannot be stored.

Django's CharField already refuses NUL, but lets the other C0 control characters and
U+FFFE/U+FFFF through; stored, one of them later breaks every Open311 XML answer and XLSX export
that carries the text. A form that mixes in `StorableTextForm` runs `validate_storable` on each
of its text fields (CharField and its kinds: e-mail, regex, slug...). The check is added when
the form is cleaned, so fields a form adds in its own __init__ are covered too, and no field of
a door can be left out by forgetting it."""

from __future__ import annotations

from django import forms

from redress.core.text import validate_storable


class StorableTextForm(forms.Form):
    """The base of the doors' forms; with a formset, each of its forms is one of these."""

    def full_clean(self) -> None:
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and validate_storable not in field.validators:
                # Each form instance holds deep copies of the declared fields, validators
                # included, so this touches neither the class nor other instances.
                field.validators.append(validate_storable)
        super().full_clean()
