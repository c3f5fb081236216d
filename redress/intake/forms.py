"""The doors into case_submit: the public form and the operator's entry form. Each validates
its own input; both hand the same GrievanceInput to the same service."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.cases.models import Category, Channel
from redress.cases.selectors import category_list_active
from redress.cases.services import ContactDetails, GrievanceInput
from redress.cases.services.attachments import (
    MAX_BYTES,
    MAX_FILES,
    PreparedImage,
    image_prepare,
)
from redress.cases.services.submission import DESCRIPTION_MAX, TITLE_MAX
from redress.cases.tracking import normalize_tracking_code
from redress.core.errors import DomainError
from redress.core.forms import StorableTextForm
from redress.intake.selectors import jurisdiction_choices_for_intake
from redress.orgs.models import Jurisdiction


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to MAX_FILES images; each is decoded and re-encoded by the attachments service."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[PreparedImage]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %(n)s photos.") % {"n": MAX_FILES})
        prepared = []
        for upload in files:
            if upload.size > MAX_BYTES:
                # Refused before it is read into memory; image_prepare says the same.
                raise forms.ValidationError(_("A photo may be at most 8 MB."))
            try:
                prepared.append(image_prepare(upload.read()))
            except DomainError as error:
                raise forms.ValidationError(str(error), code=error.code) from None
        return prepared


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.name


class GrievanceForm(StorableTextForm):
    category = CategoryChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.none(),
        empty_label=_("Choose a category"),
    )
    jurisdiction = forms.TypedChoiceField(
        label=_("Where is the problem?"),
        coerce=int,
        empty_value=None,
        help_text=_("The village, community or town where it happens."),
    )
    title = forms.CharField(label=_("In one line"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("What happened?"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who is affected, since when, what you have tried. No need for names."),
    )
    location_text = forms.CharField(
        label=_("Place (street, site, landmark)"), max_length=300, required=False
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    people_affected = forms.IntegerField(
        label=_("How many people are affected?"), min_value=1, max_value=1_000_000, initial=1
    )
    photos = PhotosField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 3 photos (JPEG, PNG or WebP). Location data in them is removed."),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    contact_name = forms.CharField(label=_("Name"), max_length=100, required=False)
    contact_phone = forms.RegexField(
        label=_("Phone"),
        max_length=30,
        required=False,
        regex=r"^[0-9+()\-\s]{5,30}$",
        error_messages={"invalid": _("Enter a phone number (digits, spaces, + - ( )).")},
    )
    contact_email = forms.EmailField(label=_("E-mail"), max_length=200, required=False)
    contact_address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    consent_to_contact = forms.BooleanField(
        label=_("The office may contact me about this grievance."), required=False
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    channel = Channel.WEB

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category_field = self.fields["category"]
        assert isinstance(category_field, CategoryChoiceField)
        category_field.queryset = category_list_active()
        jurisdiction_field = self.fields["jurisdiction"]
        assert isinstance(jurisdiction_field, forms.TypedChoiceField)
        jurisdiction_field.choices = [("", _("Choose a place")), *jurisdiction_choices_for_intake()]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    def clean_jurisdiction(self) -> Jurisdiction:
        value = self.cleaned_data["jurisdiction"]
        jurisdiction = Jurisdiction.objects.filter(pk=value).first()
        if jurisdiction is None:
            raise forms.ValidationError(_("Choose a place from the list."))
        return jurisdiction

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (
            (latitude is None) != (longitude is None)
            and not self.has_error("latitude")
            and (not self.has_error("longitude"))
        ):
            self.add_error(
                "longitude" if latitude is not None else "latitude",
                _("Give both latitude and longitude, or neither."),
            )
        has_contact = any(
            cleaned.get(name)
            for name in ("contact_name", "contact_phone", "contact_email", "contact_address")
        )
        if has_contact and not cleaned.get("consent_to_contact"):
            self.add_error(
                "consent_to_contact",
                _("Tick this box to let us keep your contact details, or leave them empty."),
            )
        return cleaned

    def to_input(self) -> GrievanceInput:
        data = self.cleaned_data
        return GrievanceInput(
            title=data["title"],
            description=data["description"],
            category=data["category"],
            jurisdiction=data["jurisdiction"],
            channel=self.channel,
            location_text=data.get("location_text") or "",
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            people_affected=data["people_affected"],
            contact=ContactDetails(
                name=data.get("contact_name") or "",
                phone=data.get("contact_phone") or "",
                email=data.get("contact_email") or "",
                address=data.get("contact_address") or "",
            ),
            consent_to_contact=bool(data.get("consent_to_contact")),
        )


OPERATOR_CHANNELS = [
    (Channel.HOTLINE.value, Channel.HOTLINE.label),
    (Channel.LETTER.value, Channel.LETTER.label),
    (Channel.VISIT.value, Channel.VISIT.label),
]


class OperatorGrievanceForm(GrievanceForm):
    """The operator's entry for hotline calls, letters and visits, on a caller's behalf."""

    source_channel = forms.ChoiceField(label=_("Received by"), choices=OPERATOR_CHANNELS)
    consent_to_contact = forms.BooleanField(
        label=_("The complainant agreed to be contacted."), required=False
    )

    field_order = ["source_channel"]

    def to_input(self) -> GrievanceInput:
        self.channel = self.cleaned_data["source_channel"]
        return super().to_input()


class TrackingForm(StorableTextForm):
    tracking_code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "placeholder": "XXXX-XXXX-XXXX",
                "autocapitalize": "characters",
            }
        ),
    )

    def clean_tracking_code(self) -> str:
        code = normalize_tracking_code(self.cleaned_data["tracking_code"])
        if code is None:
            raise forms.ValidationError(
                _("A tracking code has 12 letters and digits, like 7KQ2-M9XD-4HTA.")
            )
        return code


class ReasonForm(StorableTextForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OptionalNoteForm(StorableTextForm):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
