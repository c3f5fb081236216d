"""Property tests of the public door (/submit/), the tracking pages (/track/...) and the
operator's entry (/staff/intake/): whatever a client sends, the answer is never a 5xx; a
refused submission re-renders the form naming the field and writes nothing; an accepted one
writes exactly one case, holding only text that can be stored."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from redress.cases.models import Case, CaseEvent, CaseHolding, CaseStatus, Category, CategoryField
from redress.cases.testing import submit_case
from redress.contacts.models import ComplainantContact
from redress.core.testing import (
    FORM,
    as_received,
    bounded,
    form_body,
    rolled_back,
    wild_number,
    wild_text,
)
from redress.core.text import is_storable
from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db

PROPERTY = bounded(40)

TEXT_FIELDS = (
    "title",
    "description",
    "location_text",
    "contact_name",
    "contact_phone",
    "contact_email",
    "contact_address",
    "idempotency_key",
)
NUMBER_FIELDS = ("latitude", "longitude", "people_affected", "category", "jurisdiction")


@pytest.fixture
def extra_category(db: None) -> Category:
    """A category asking one question of every type, each optional: the web form does not ask
    them, so the case must still go in."""
    category = Category.objects.create(
        code="props-extras",
        name_zh="附加问题",
        name_en="Extra questions",
        default_department_kind=Category.objects.get(code="wage-arrears").default_department_kind,
        sort_order=999,
    )
    choices = [{"key": "a", "name_zh": "甲"}, {"key": "b", "name_zh": "乙"}]
    for datatype in ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"):
        CategoryField.objects.create(
            category=category,
            code=f"q-{datatype}",
            datatype=datatype,
            label_zh=datatype,
            choices=choices if "list" in datatype else [],
        )
    return category


def rows() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Case, CaseEvent, CaseHolding, ComplainantContact)
    )


@st.composite
def grievance(draw: st.DrawFn, *, categories: list[int], places: list[int]) -> dict[str, Any]:
    """A valid grievance with a few of its fields replaced by anything at all."""
    data: dict[str, Any] = {
        "category": draw(st.sampled_from(categories)),
        "jurisdiction": draw(st.sampled_from(places)),
        "title": "建筑工地拖欠工资",
        "description": "二十名工人三个月没有领到工资。",
        "people_affected": "20",
        "idempotency_key": draw(st.uuids()).hex,
    }
    if draw(st.booleans()):
        data.update(latitude="31.2", longitude="121.4")
    if draw(st.booleans()):
        data.update(contact_name="王秀英", contact_phone="13912345678", consent_to_contact="on")
    for name in draw(st.sets(st.sampled_from(TEXT_FIELDS + NUMBER_FIELDS), max_size=3)):
        data[name] = draw(wild_number() if name in NUMBER_FIELDS else wild_text())
    return data


def check_submission(client: Client, url: str, data: dict[str, Any], *, accepted: str) -> None:
    before = rows()
    response = client.post(url, form_body(data), content_type=FORM)
    unstorable = [
        name for name in TEXT_FIELDS if not is_storable(as_received(str(data.get(name, ""))))
    ]
    if response.status_code == 302:
        assert not unstorable, f"accepted unstorable text in {unstorable}"
        assert accepted in response["Location"]
        assert rows()[0] == before[0] + 1
        case = Case.objects.order_by("-pk").first()
        assert case is not None
        assert all(is_storable(text) for text in (case.title, case.description, case.location_text))
        return
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors
    for name in unstorable:
        assert name in form.errors
    assert rows() == before


@pytest.fixture
def choices(cast: Any, extra_category: Category) -> dict[str, list[int]]:
    return {
        "categories": [Category.objects.get(code="wage-arrears").pk, extra_category.pk],
        "places": [cast.village_a.pk, cast.village_b.pk, cast.township_a.pk],
    }


def test_public_form_never_fails_and_refuses_cleanly(client, choices):
    @PROPERTY
    @given(data=grievance(**choices))
    def submit(data: dict[str, Any]) -> None:
        rolled_back(
            lambda: check_submission(client, reverse("intake:submit"), data, accepted="/receipt/")
        )

    submit()


def test_operator_entry_never_fails_and_refuses_cleanly(client, cast, choices):
    client.login(username="a_operator", password=PASSWORD)

    @PROPERTY
    @given(
        data=grievance(**choices),
        channel=st.one_of(st.sampled_from(["hotline", "letter", "visit"]), wild_text()),
    )
    def enter(data: dict[str, Any], channel: str) -> None:
        data["source_channel"] = channel
        rolled_back(
            lambda: check_submission(
                client, reverse("intake:operator_entry"), data, accepted="/staff/cases/"
            )
        )

    enter()


def test_public_form_with_a_required_extra_question_refuses_without_writing(
    client, cast, extra_category
):
    """The web form does not ask extra questions: a category that requires one is refused with
    the form's error, never a 500."""
    CategoryField.objects.filter(category=extra_category).update(required=True)
    before = rows()
    data = {
        "category": extra_category.pk,
        "jurisdiction": cast.village_a.pk,
        "title": "标题",
        "description": "说明",
        "people_affected": "1",
    }
    response = client.post(reverse("intake:submit"), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert rows() == before


def codes() -> st.SearchStrategy[str]:
    return st.one_of(
        wild_text(max_size=30),
        st.text(alphabet="0123456789ABCDEFGHJKMNPQRSTVWXYZ-ilo ", min_size=10, max_size=16),
    )


def test_tracking_lookup_never_fails(client, cast):
    case = submit_case(jurisdiction=cast.village_a)

    @PROPERTY
    @given(code=st.one_of(codes(), st.just(case.tracking_code.lower())), via_get=st.booleans())
    def lookup(code: str, via_get: bool) -> None:
        if via_get:
            query = form_body({"tracking_code": code})
            response = client.get(f"{reverse('intake:track_lookup')}?{query}")
        else:
            response = client.post(
                reverse("intake:track_lookup"),
                form_body({"tracking_code": code}),
                content_type=FORM,
            )
        assert response.status_code in (302, 404, 400)
        if response.status_code == 302:
            assert response["Location"] == reverse("intake:track", args=[case.tracking_code])
        else:
            assert response.context["form"].errors
        page = client.get(f"/track/{quote(code, safe='', errors='surrogatepass')}/")
        assert page.status_code in (200, 404)

    lookup()


ACTIONS = ("confirm", "dispute", "review", "re-review")


@pytest.fixture
def tracked(cast: Any) -> Iterator[dict[str, Case]]:
    """A case in each state the complainant may answer in."""
    found = {}
    for status in (CaseStatus.RESOLVED, CaseStatus.DECLINED, CaseStatus.REVIEWED):
        case = submit_case(jurisdiction=cast.village_a)
        Case.objects.filter(pk=case.pk).update(status=status, answer="已处理")
        found[status] = case
    found["new"] = submit_case(jurisdiction=cast.village_a)
    yield found


def test_public_actions_never_fail_and_refuse_cleanly(client, tracked):
    @PROPERTY
    @given(
        which=st.sampled_from(sorted(tracked)),
        action=st.one_of(st.sampled_from(ACTIONS), st.from_regex(r"\A[-a-z0-9_]{1,20}\Z")),
        text=st.one_of(st.just("问题没有解决"), wild_text()),
        wrong_code=st.one_of(st.none(), codes()),
    )
    def act(which: str, action: str, text: str, wrong_code: str | None) -> None:
        case = tracked[which]
        code = case.tracking_code if wrong_code is None else wrong_code
        body = form_body({"reason": text, "note": text})

        def step() -> None:
            before = rows()
            response = client.post(
                f"/track/{quote(code, safe='', errors='surrogatepass')}/{action}/",
                body,
                content_type=FORM,
            )
            assert response.status_code in (302, 404, 405)
            if not is_storable(as_received(text)):
                assert rows() == before
            if response.status_code != 302:
                assert rows() == before
            case.refresh_from_db()
            assert all(is_storable(event.note) for event in case.events.all())

        rolled_back(step)

    act()
