import pytest

from redress.cases.models import Category
from redress.core import pagination
from redress.core.pagination import CappedPaginator

pytestmark = pytest.mark.django_db


def test_counts_up_to_the_cap_and_says_when_there_are_more(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 5)
    total = Category.objects.count()
    assert total > 5
    paginator = CappedPaginator(Category.objects.order_by("pk"), 2)
    assert paginator.count == 5 and paginator.capped
    assert paginator.num_pages == 3
    small = CappedPaginator(Category.objects.order_by("pk")[:3], 2)
    assert small.count == 3 and not small.capped
