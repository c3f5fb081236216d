"""The supervision pages: scoped (404 outside the unit), the steps offered by role, a refused
step shows the form again and writes nothing, files only through the scoped letter."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from redress.cases.testing import submit_case
from redress.orgs.testing import PASSWORD
from redress.supervision.models import AccountabilityRecord, Letter, LetterAttachment, LetterEvent
from redress.supervision.testing import WARNING, issued_letter, run_clocks_at

pytestmark = pytest.mark.django_db


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def test_office_page_and_letters_to_me(client, cast, django_assert_max_num_queries):
    letter = issued_letter(
        issuer=cast.county_director, unit=cast.a_labour, leader=cast.county_leader
    )
    for _ in range(5):
        issued_letter(issuer=cast.county_director, unit=cast.b_labour)
    login(client, "county_director")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("supervision:letter_list"))
    assert page.status_code == 200 and letter.title in page.content.decode()
    overdue = client.get(reverse("supervision:letter_list"), {"state": "overdue"})
    assert overdue.status_code == 200
    login(client, "county_leader")
    mine = client.get(reverse("supervision:letter_mine")).content.decode()
    assert letter.title in mine
    login(client, "b_handler")
    assert client.get(reverse("supervision:letter_detail", args=[letter.pk])).status_code == 404
    others = client.get(reverse("supervision:letter_list")).content.decode()
    assert f"/staff/letters/{letter.pk}/" not in others


def test_issue_from_a_case_answer_with_a_file_and_accept(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "county_director")
    form = client.get(reverse("supervision:letter_new"), {"case": case.pk})
    assert form.status_code == 200
    response = client.post(
        reverse("supervision:letter_new"),
        {
            "case": case.pk,
            "unit": cast.a_labour.pk,
            "leader": cast.county_leader.pk,
            "title": "督办函",
            "required_action": "核查并支付",
            "working_days": 10,
        },
    )
    assert response.status_code == 302, response.content.decode()
    letter = Letter.objects.get()
    assert letter.case == case

    login(client, "a_handler")
    detail = client.get(reverse("supervision:letter_detail", args=[letter.pk])).content.decode()
    assert 'id="action-complete"' in detail and 'id="action-accept"' not in detail
    pdf = SimpleUploadedFile("凭证.pdf", b"%PDF-1.4 receipt", content_type="application/pdf")
    done = client.post(
        reverse("supervision:letter_act", args=[letter.pk, "complete"]),
        {"complete-text": "已支付", "complete-attachments": [pdf]},
    )
    assert done.status_code == 302
    attachment = LetterAttachment.objects.get()
    file_url = reverse("supervision:letter_file", args=[letter.pk, attachment.pk])
    assert client.get(file_url).status_code == 200

    login(client, "b_handler")
    assert client.get(file_url).status_code == 404

    login(client, "county_director")
    accepted = client.post(reverse("supervision:letter_act", args=[letter.pk, "accept"]), {})
    assert accepted.status_code == 302
    letter.refresh_from_db()
    assert letter.status == "accepted"


def test_refused_steps_write_nothing(client, cast):
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    events = LetterEvent.objects.count()
    login(client, "a_handler")
    empty = client.post(reverse("supervision:letter_act", args=[letter.pk, "progress"]), {})
    assert empty.status_code == 400
    not_yours = client.post(reverse("supervision:letter_act", args=[letter.pk, "accept"]), {})
    assert not_yours.status_code == 400
    bad_file = client.post(
        reverse("supervision:letter_act", args=[letter.pk, "progress"]),
        {
            "progress-text": "x",
            "progress-attachments": [SimpleUploadedFile("a.exe", b"MZ\x90", "text/plain")],
        },
    )
    assert bad_file.status_code == 400 and "PDF" in bad_file.content.decode()
    login(client, "b_director")
    outside = client.post(
        reverse("supervision:letter_act", args=[letter.pk, "progress"]), {"progress-text": "x"}
    )
    assert outside.status_code == 404
    assert LetterEvent.objects.count() == events
    login(client, "a_handler")
    assert client.get(reverse("supervision:letter_new")).status_code == 403


def test_accountability_pages(client, cast):
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    run_clocks_at(WARNING)
    record = AccountabilityRecord.objects.get(letter=letter)
    login(client, "a_handler")
    assert record.summary in client.get(reverse("supervision:accountability_list")).content.decode()
    url = reverse("supervision:accountability_act", args=[record.pk, "respond"])
    assert client.post(url, {"respond-text": "人手不足"}).status_code == 302
    url = reverse("supervision:accountability_act", args=[record.pk, "appeal"])
    assert client.post(url, {"appeal-text": "上级延误"}).status_code == 302
    login(client, "county_director")
    url = reverse("supervision:accountability_act", args=[record.pk, "decide"])
    assert client.post(url, {"decide-upheld": "0", "decide-reason": "不成立"}).status_code == 302
    record.refresh_from_db()
    assert record.status == "rejected"
    login(client, "b_handler")
    detail = reverse("supervision:accountability_detail", args=[record.pk])
    assert client.get(detail).status_code == 404


def test_pages_in_chinese(client, cast):
    issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    login(client, "county_director")
    page = client.get(reverse("supervision:letter_list"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200


def test_issue_about_a_project_links_back_and_is_scoped(client, cast):
    from redress.assessments.testing import register_project

    project = register_project(
        actor=cast.a_director, initiator=cast.a_labour, jurisdiction=cast.township_a
    )
    login(client, "b_director")
    assert client.get(reverse("supervision:letter_new"), {"project": project.pk}).status_code == 404
    login(client, "a_director")
    page = client.get(reverse("assessments:detail", args=[project.pk])).content.decode()
    new_url = f"{reverse('supervision:letter_new')}?project={project.pk}"
    assert new_url in page
    form = client.get(new_url)
    assert form.status_code == 200 and project.title in form.content.decode()
    response = client.post(
        new_url,
        {
            "unit": cast.a_labour.pk,
            "title": "关于征地补偿落实的督办函",
            "required_action": "落实补偿方案",
            "working_days": 10,
        },
    )
    assert response.status_code == 302, response.content.decode()
    letter = Letter.objects.get()
    assert (letter.subject_kind, letter.subject_id) == ("project", project.pk)
    detail = client.get(reverse("supervision:letter_detail", args=[letter.pk])).content.decode()
    assert reverse("assessments:detail", args=[project.pk]) in detail


def test_letter_pages_name_the_case_by_internal_id_never_its_tracking_code(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "county_director")
    form = client.get(reverse("supervision:letter_new"), {"case": case.pk})
    new_page = form.content.decode()
    assert reverse("cases:detail", args=[case.pk]) in new_page and case.reference in new_page
    response = client.post(
        reverse("supervision:letter_new"),
        {
            "case": case.pk,
            "unit": cast.a_labour.pk,
            "title": form.context["form"]["title"].value(),
            "required_action": "核查并支付",
            "working_days": 10,
        },
    )
    assert response.status_code == 302, response.content.decode()
    letter = Letter.objects.get()
    pages = [new_page]
    for username in ("county_director", "a_handler"):
        login(client, username)
        pages.append(client.get(reverse("supervision:letter_list")).content.decode())
        pages.append(
            client.get(reverse("supervision:letter_detail", args=[letter.pk])).content.decode()
        )
    for page in pages:
        assert case.display_code not in page and case.tracking_code not in page


def test_huge_or_broken_images_are_refused_and_write_nothing(client, cast, settings, tmp_path):
    from redress.cases.testing import png_of_zeros

    settings.MEDIA_ROOT = tmp_path
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    events = LetterEvent.objects.count()
    login(client, "a_handler")
    for name, data, words in (
        ("big.png", png_of_zeros((6300, 6300)), "百万像素"),  # megapixels
        ("bomb.png", png_of_zeros((30000, 30000), rows=10), "PDF"),
        ("cut.png", png_of_zeros((200, 200))[:60], "PDF"),
    ):
        response = client.post(
            reverse("supervision:letter_act", args=[letter.pk, "progress"]),
            {"progress-text": "x", "progress-attachments": [SimpleUploadedFile(name, data)]},
        )
        assert response.status_code == 400 and words in response.content.decode(), name
    assert LetterEvent.objects.count() == events and LetterAttachment.objects.count() == 0
