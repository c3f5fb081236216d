"""The conference pages: the proposed agenda, recording minutes whose decisions become
action items, every item's progress on the conference page, and scoping."""

from __future__ import annotations

import pytest
from django.urls import reverse

from redress.conferences.models import ActionItem, ConferenceStatus
from redress.conferences.testing import township_a_conference
from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def test_minutes_on_the_page_make_tracked_items(client, cast):
    conference = township_a_conference(cast)
    login(client, "a_director")
    detail = reverse("conferences:detail", args=[conference.pk])
    assert client.get(detail).status_code == 200
    assert (
        client.post(reverse("conferences:act", args=[conference.pk, "agenda"])).status_code == 302
    )
    response = client.post(
        reverse("conferences:act", args=[conference.pk, "minutes"]),
        {
            "minutes-minutes": "研究欠薪问题。",
            f"minutes-presence_{cast.a_labour.pk}": "present",
            f"minutes-presence_{cast.a_environment.pk}": "absent",
            f"minutes-presence_{cast.a_complaints.pk}": "present",
            "minutes-decision_0_text": "劳动保障所督促支付欠薪",
            "minutes-decision_0_unit": cast.a_labour.pk,
            "minutes-decision_0_days": 10,
        },
    )
    assert response.status_code == 302, response.content.decode()
    item = ActionItem.objects.get()
    assert item.unit == cast.a_labour and item.next_action_at is not None
    page = client.get(detail).content.decode()
    assert "劳动保障所督促支付欠薪" in page
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.HELD

    login(client, "a_handler")
    item_url = reverse("conferences:item_detail", args=[item.pk])
    assert client.get(item_url).status_code == 200
    report = client.post(
        reverse("conferences:item_act", args=[item.pk, "progress"]), {"progress-text": "已约谈"}
    )
    assert report.status_code == 302
    login(client, "a_director")
    assert "已约谈" in client.get(detail).content.decode()


def test_conference_page_queries_do_not_grow_with_items(
    client, cast, django_assert_max_num_queries
):
    from redress.conferences.services import DecisionInput, conference_minutes_record
    from redress.core.clock import frozen_at
    from redress.supervision.testing import ISSUED

    conference = township_a_conference(cast)
    with frozen_at(ISSUED):
        conference_minutes_record(
            actor=cast.a_director,
            conference=conference,
            minutes="纪要",
            attendance={},
            decisions=[
                DecisionInput(text=f"决定{n}", unit=cast.a_labour, working_days=5)
                for n in range(12)
            ],
        )
    login(client, "a_director")
    with django_assert_max_num_queries(16):
        page = client.get(reverse("conferences:detail", args=[conference.pk]))
    assert page.status_code == 200 and "决定11" in page.content.decode()


def test_a_decision_without_owner_is_refused_and_nothing_written(client, cast):
    conference = township_a_conference(cast)
    login(client, "a_director")
    response = client.post(
        reverse("conferences:act", args=[conference.pk, "minutes"]),
        {"minutes-minutes": "纪要", "minutes-decision_0_text": "没有责任单位的决定"},
    )
    assert response.status_code == 400
    assert ActionItem.objects.count() == 0


def test_conference_pages_are_scoped(client, cast):
    conference = township_a_conference(cast)
    for username in ("b_director", "b_handler"):
        login(client, username)
        assert client.get(reverse("conferences:detail", args=[conference.pk])).status_code == 404
        post = client.post(reverse("conferences:act", args=[conference.pk, "approve"]))
        assert post.status_code == 404
        assert conference.title not in client.get(reverse("conferences:list")).content.decode()
    login(client, "a_handler")  # a member unit's handler reads, but does not run it
    page = client.get(reverse("conferences:detail", args=[conference.pk])).content.decode()
    assert "action-minutes" not in page


def test_schedule_from_the_list_page(client, cast):
    login(client, "a_director")
    response = client.post(
        reverse("conferences:list"),
        {
            "jurisdiction": cast.township_a.pk,
            "kind": "ad_hoc",
            "title": "专题会",
            "scheduled_at": "2026-04-01T09:00",
            "place": "会议室",
        },
    )
    assert response.status_code == 302


def _agenda_across_units(cast):
    """One overdue case the labour office holds, one it passed to the environment office (so
    held by two departments), and the conference of East Town with its agenda adopted."""
    from redress.cases.services import case_accept, case_transfer
    from redress.cases.testing import local_time, submit_case
    from redress.conferences.agenda import conference_agenda_propose
    from redress.conferences.services import conference_agenda_adopt
    from redress.core.clock import frozen_at
    from redress.supervision.testing import ISSUED

    with frozen_at(local_time(2026, 1, 5)):
        own = submit_case(jurisdiction=cast.village_a, title="劳动所自己的欠薪案")
        other = submit_case(jurisdiction=cast.village_a, title="环保办手里的噪声案")
        case_accept(actor=cast.a_director, case=other)
        case_transfer(
            actor=cast.a_director, case=other, department=cast.a_environment, reason="噪声归环保"
        )
    conference = township_a_conference(cast)
    with frozen_at(ISSUED):
        conference_agenda_adopt(
            actor=cast.a_director,
            conference=conference,
            items=conference_agenda_propose(conference=conference),
        )
    return conference, own, other


def test_agenda_shows_a_member_unit_only_its_own_cases_and_counts_for_the_rest(client, cast):
    from redress.core.clock import frozen_at
    from redress.supervision.testing import ISSUED

    conference, own, other = _agenda_across_units(cast)
    login(client, "a_handler")
    with frozen_at(ISSUED):
        page = client.get(reverse("conferences:detail", args=[conference.pk])).content.decode()
    assert own.title in page and reverse("cases:detail", args=[own.pk]) in page
    assert other.title not in page
    assert reverse("cases:detail", args=[other.pk]) not in page
    for case in (own, other):
        assert case.display_code not in page and case.tracking_code not in page
    # What the unit may not open is still on the agenda, as a count by unit and category.
    hidden = page.split('id="hidden-agenda"')[1]
    assert cast.a_environment.name_en in hidden or cast.a_environment.name_zh in hidden
    assert other.category.name_zh in hidden or other.category.name_en in hidden


def test_agenda_shows_the_director_the_whole_area_without_tracking_codes(client, cast):
    from redress.core.clock import frozen_at
    from redress.supervision.testing import ISSUED

    conference, own, other = _agenda_across_units(cast)
    login(client, "a_director")
    with frozen_at(ISSUED):
        page = client.get(reverse("conferences:detail", args=[conference.pk])).content.decode()
    for case in (own, other):
        assert case.title in page and reverse("cases:detail", args=[case.pk]) in page
        assert case.display_code not in page and case.tracking_code not in page
    assert 'id="hidden-agenda"' not in page
