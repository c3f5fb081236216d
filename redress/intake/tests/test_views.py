"""The public door and the operator's door into case_submit, over HTTP."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from redress.cases.models import Case, CaseEvent, CaseStatus, Category, Channel
from redress.cases.testing import submit_case
from redress.contacts.models import ComplainantContact
from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _form(cast, **overrides):
    data = {
        "category": Category.objects.get(code="wage-arrears").pk,
        "jurisdiction": cast.village_a.pk,
        "title": "建筑工地拖欠工资",
        "description": "二十名工人三个月没有领到工资。",
        "people_affected": "20",
        "idempotency_key": "key-0001",
    }
    data.update(overrides)
    return data


def test_public_submission_gives_tracking_code_and_public_timeline(client, cast):
    response = client.post(reverse("intake:submit"), _form(cast))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:receipt", args=[case.tracking_code])
    receipt = client.get(response["Location"])
    assert case.display_code in receipt.content.decode()
    track = client.get(reverse("intake:track", args=[case.tracking_code]))
    assert track.status_code == 200
    assert "建筑工地拖欠工资" in track.content.decode()
    assert case.channel == Channel.WEB and case.is_anonymous


def test_retried_public_submission_does_not_duplicate(client, cast):
    first = client.post(reverse("intake:submit"), _form(cast))
    second = client.post(reverse("intake:submit"), _form(cast))
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_contact_details_are_stored_only_encrypted_and_never_shown_publicly(client, cast):
    client.post(
        reverse("intake:submit"),
        _form(cast, contact_name="王秀英", contact_phone="13912345678", consent_to_contact="on"),
    )
    case = Case.objects.get()
    assert not case.is_anonymous
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM contacts_complainantcontact")
        stored = bytes(cursor.fetchone()[0])
    assert b"13912345678" not in stored and "王秀英".encode() not in stored
    page = client.get(reverse("intake:track", args=[case.tracking_code])).content.decode()
    assert "13912345678" not in page and "王秀英" not in page


def test_contact_without_consent_is_refused_and_writes_nothing(client, cast):
    response = client.post(reverse("intake:submit"), _form(cast, contact_phone="13912345678"))
    assert response.status_code == 400
    assert "consent_to_contact" in response.context["form"].errors
    assert Case.objects.count() == 0 and ComplainantContact.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"description": ""}, "description"),
        ({"title": "长" * 201}, "title"),
        ({"description": "x" * 5001}, "description"),
        ({"latitude": "95", "longitude": "120"}, "latitude"),
        ({"latitude": "30.1"}, "longitude"),
        ({"longitude": "abc", "latitude": "30"}, "longitude"),
        ({"category": "999999"}, "category"),
        ({"category": "wage"}, "category"),
        ({"jurisdiction": "999999"}, "jurisdiction"),
        ({"people_affected": "0"}, "people_affected"),
        ({"contact_email": "not-an-email", "consent_to_contact": "on"}, "contact_email"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(client, cast, overrides, field):
    response = client.post(reverse("intake:submit"), _form(cast, **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Case.objects.count() == 0 and CaseEvent.objects.count() == 0


def test_inactive_category_is_refused(client, cast):
    Category.objects.filter(code="wage-arrears").update(is_active=False)
    response = client.post(reverse("intake:submit"), _form(cast))
    assert response.status_code == 400
    assert "category" in response.context["form"].errors


@pytest.mark.parametrize("code", ["0000-0000-0000", "not-a-code", "'; DROP TABLE--", "x" * 300])
def test_forged_tracking_code_gets_a_clear_error(client, cast, code):
    submit_case(jurisdiction=cast.village_a)
    response = client.post(reverse("intake:track_lookup"), {"tracking_code": code})
    assert response.status_code == 404
    assert "tracking_code" in response.context["form"].errors
    direct = client.get(reverse("intake:track", args=["0000-0000-0000".replace("-", "")]))
    assert direct.status_code == 404


def test_tracking_lookup_accepts_lowercase_and_dashes(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    response = client.post(
        reverse("intake:track_lookup"), {"tracking_code": case.display_code.lower()}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:track", args=[case.tracking_code])


def test_public_confirms_an_answer_by_tracking_code(client, cast):
    from redress.cases import services

    case = submit_case(jurisdiction=cast.village_a)
    services.case_accept(case=case, actor=cast.a_handler)
    services.case_resolve(case=case, actor=cast.a_handler, answer="工资已全部补发。")
    page = client.get(reverse("intake:track", args=[case.tracking_code])).content.decode()
    assert "工资已全部补发。" in page
    client.post(reverse("intake:public_action", args=[case.tracking_code, "confirm"]))
    case.refresh_from_db()
    assert case.status == CaseStatus.CONFIRMED


def test_public_dispute_needs_a_reason(client, cast):
    from redress.cases import services

    case = submit_case(jurisdiction=cast.village_a)
    services.case_accept(case=case, actor=cast.a_handler)
    services.case_resolve(case=case, actor=cast.a_handler, answer="已处理。")
    client.post(
        reverse("intake:public_action", args=[case.tracking_code, "dispute"]), {"reason": ""}
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED
    client.post(
        reverse("intake:public_action", args=[case.tracking_code, "dispute"]),
        {"reason": "工资只发了一半。"},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.DISPUTED


def test_public_timeline_hides_internal_steps(client, cast):
    from redress.cases import services

    case = submit_case(jurisdiction=cast.village_a)
    services.case_add_note(case=case, actor=cast.a_handler, note="内部备注：联系包工头")
    page = client.get(reverse("intake:track", args=[case.tracking_code])).content.decode()
    assert "内部备注" not in page


def test_operator_entry_calls_the_same_service_with_the_operator_as_actor(client, cast):
    client.login(username="a_operator", password=PASSWORD)
    response = client.post(
        reverse("intake:operator_entry"),
        _form(cast, source_channel="hotline", idempotency_key="op-1"),
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.channel == Channel.HOTLINE
    assert case.created_by == cast.a_operator
    assert case.events.get().actor == cast.a_operator


@pytest.mark.parametrize("place", ["township_b", "village_b", "county"])
def test_operator_entry_outside_the_operators_area_names_the_place_and_writes_nothing(
    client, cast, place
):
    client.login(username="a_operator", password=PASSWORD)
    events = CaseEvent.objects.count()
    response = client.post(
        reverse("intake:operator_entry"),
        _form(
            cast,
            jurisdiction=getattr(cast, place).pk,
            source_channel="hotline",
            idempotency_key="op-out",
        ),
    )
    assert response.status_code == 400
    assert "jurisdiction" in response.context["form"].errors
    assert not Case.objects.exists()
    assert CaseEvent.objects.count() == events


def test_operator_entry_is_closed_to_handlers_and_the_public(client, cast):
    assert client.get(reverse("intake:operator_entry")).status_code == 302  # to sign-in
    client.login(username="a_handler", password=PASSWORD)
    assert client.get(reverse("intake:operator_entry")).status_code == 404


def _image(fmt="JPEG", size=(64, 48), exif_gps=False):
    import io

    from PIL import Image

    image = Image.new("RGB", size, (200, 80, 40))
    output = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x8825] = {2: (30.0, 15.0, 0.0)}  # GPSInfo
        exif[0x010F] = "SecretPhoneMaker"  # Make
        image.save(output, format=fmt, exif=exif)
    else:
        image.save(output, format=fmt)
    return output.getvalue()


def test_photos_are_stored_without_metadata_and_shown_only_to_staff(
    client, cast, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from redress.cases.models import CaseAttachment

    settings.MEDIA_ROOT = tmp_path
    photo = SimpleUploadedFile("张三家门口.jpg", _image(exif_gps=True), "image/jpeg")
    response = client.post(reverse("intake:submit"), {**_form(cast), "photos": [photo]})
    assert response.status_code == 302
    attachment = CaseAttachment.objects.get()
    stored = attachment.file.read()
    assert b"SecretPhoneMaker" not in stored and "张三" not in attachment.file.name
    url = reverse("cases:attachment", args=[attachment.case_id, attachment.pk])
    assert client.get(url).status_code == 302  # public: sign in first
    client.login(username="b_handler", password=PASSWORD)
    assert client.get(url).status_code == 404
    client.login(username="a_director", password=PASSWORD)
    assert client.get(url)["Content-Type"] == "image/jpeg"


def test_non_image_upload_is_refused_naming_the_field(client, cast, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("x.jpg", b"<?php evil(); ?>", "image/jpeg")
    response = client.post(reverse("intake:submit"), {**_form(cast), "photos": [fake]})
    assert response.status_code == 400
    assert "photos" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_more_than_three_photos_is_refused(client, cast, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    photos = [SimpleUploadedFile(f"{n}.png", _image("PNG"), "image/png") for n in range(4)]
    response = client.post(reverse("intake:submit"), {**_form(cast), "photos": photos})
    assert response.status_code == 400 and "photos" in response.context["form"].errors


def test_huge_photos_are_refused_quickly_naming_the_field(client, cast, settings, tmp_path):
    import time

    from django.core.files.uploadedfile import SimpleUploadedFile

    from redress.cases.models import CaseAttachment
    from redress.cases.testing import png_of_zeros

    settings.MEDIA_ROOT = tmp_path
    data = png_of_zeros((6300, 6300))
    photos = [SimpleUploadedFile(f"{n}.png", data, "image/png") for n in range(3)]
    started = time.perf_counter()
    response = client.post(reverse("intake:submit"), {**_form(cast), "photos": photos})
    assert time.perf_counter() - started < 2
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["photos"][0].code == "too_many_pixels"
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0
    assert not list(tmp_path.rglob("*.*"))
