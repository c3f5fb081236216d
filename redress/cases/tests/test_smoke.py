from redress.cases.models import CaseStatus, EventKind
from redress.cases.testing import submit_case


def test_submit_routes_to_township_labour_office(cast):
    case = submit_case(jurisdiction=cast.village_a)
    assert case.department == cast.a_labour
    assert case.status == CaseStatus.RECEIVED
    assert case.due_at is not None
    assert list(case.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED]
