"""Properties of the import over generated rows and files: it never crashes, every refusal is a
row error (naming a line and a column) or a file error, and a refused import writes no case.
Bounded (examples, sizes, no deadline on a shared machine) to run in well under a minute."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.cases.models import Case
from redress.core.errors import DomainError
from redress.core.text import is_storable
from redress.dataio.mapping import mapping_propose
from redress.dataio.models import ImportBatch
from redress.dataio.services.batches import batch_check, batch_commit, batch_map, batch_upload
from redress.dataio.services.rows import MESSAGES, Problem, Record, RowChecker
from redress.dataio.testing import HEADERS, NOW, csv_bytes, hotline_row, upload
from redress.orgs.testing import Cast

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    # The same examples on every run, so CI cannot fail by chance; REDRESS_PROPERTY_RANDOM=1
    # searches afresh.
    derandomize=not os.environ.get("REDRESS_PROPERTY_RANDOM"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
FEW = settings(BOUNDED, max_examples=15)
ALL_HEADERS = [*HEADERS, "涉及人数", "纬度", "经度"]
MAPPING = mapping_propose(headers=ALL_HEADERS)

# Text of every kind, control characters and surrogates included, short enough to stay quick.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["inf", "-inf", "nan", "1e400", "-1e400", "9" * 400, "0x10", "1_000"]),
)
dates = st.one_of(
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)).map(
        lambda moment: moment.isoformat(sep=" ")
    ),
    st.tuples(
        st.integers(0, 99999),
        st.integers(0, 99),
        st.integers(0, 99),
        st.integers(0, 99),
        st.integers(0, 99),
        st.sampled_from(["", "Z", "+24:00", "-23:59", "+99:99", "+0800", "+08:00"]),
    ).map(lambda p: f"{p[0]:04d}-{p[1]:02d}-{p[2]:02d} {p[3]:02d}:{p[4]:02d}{p[5]}"),
    st.sampled_from(["inf", "1e400", "2026-02-30 09:30", "0001-01-01 00:00", "2026年2月30日"]),
)
cells = st.one_of(any_text, numbers, dates, st.just(""))
rows = st.lists(cells, min_size=0, max_size=len(ALL_HEADERS) + 2)


def _assert_problems(problems: list[Problem], line: int) -> None:
    assert problems
    for problem in problems:
        assert problem.line == line
        assert problem.code in MESSAGES and problem.column in ALL_HEADERS
        assert problem.message


@pytest.mark.django_db
@BOUNDED
@given(row=rows, received=dates, people=numbers, latitude=numbers)
def test_a_row_is_a_record_or_row_errors(
    row: list[str], received: str, people: str, latitude: str
) -> None:
    checker = RowChecker(mapping=MAPPING, headers=ALL_HEADERS, scope_path="")
    # Random cells over a good row, then random date and numbers in their own columns.
    good = [*hotline_row(1), "", "", ""]
    mixed = [cell if index >= len(row) else row[index] for index, cell in enumerate(good)]
    for cells_of_row in (mixed, [*good[:1], received, *good[2:10], people, latitude, "120"]):
        checked = checker.check(7, cells_of_row)
        if isinstance(checked, Record):
            for text in (checked.title, checked.description, checked.location_text):
                assert is_storable(text)
            assert is_storable(checked.contact_name) and is_storable(checked.contact_phone)
            assert dt.datetime(1900, 1, 1, tzinfo=dt.UTC) <= checked.received_at <= NOW
            assert 1 <= checked.people_affected <= 1_000_000
        else:
            _assert_problems(checked, 7)


@pytest.mark.django_db
@FEW
@given(bad=st.lists(st.tuples(any_text, dates), min_size=1, max_size=4))
def test_an_import_with_any_bad_row_writes_no_case(cast: Cast, bad: list[tuple[str, str]]) -> None:
    data = csv_bytes(
        [
            hotline_row(1),
            *(hotline_row(n + 2, description=d, received=r) for n, (d, r) in enumerate(bad)),
        ]
    )
    cases = Case.objects.count()
    try:
        batch = upload(user=cast.a_operator, data=data)
        result = batch_check(batch=batch)
        batch_commit(batch=batch)
    except DomainError as error:
        assert error.field in ("file", "batch")
        assert Case.objects.count() == cases
    else:
        assert result.bad == 0 and Case.objects.count() == cases + 1 + len(bad) - result.skipped


files = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=300).map(lambda data: ",".join(HEADERS).encode() + b"\n" + data),
    st.binary(max_size=300).map(lambda data: b"PK\x03\x04" + data),
    st.binary(max_size=300).map(
        lambda data: _zip({"[Content_Types].xml": data, "xl/workbook.xml": data[::-1]})
    ),
)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.django_db
@BOUNDED
@given(data=files, name=st.sampled_from(["records.csv", "records.xlsx"]))
def test_any_file_is_read_or_a_file_error(cast: Cast, data: bytes, name: str) -> None:
    cases = Case.objects.count()
    try:
        batch = batch_upload(
            user=cast.a_operator,
            upload=SimpleUploadedFile(name, data),
            name=name,
            source_name="12345",
            channel="hotline",
        )
    except DomainError as error:
        assert error.field == "file"
        return
    # Every header mapped somewhere, so that the rows are read and checked.
    mapping = dict(zip(MAPPING, batch.headers, strict=False))
    try:
        batch_map(batch=batch, mapping=mapping)
        batch_check(batch=batch)
        batch_commit(batch=batch)
    except DomainError as error:
        assert error.field is not None
    assert Case.objects.count() == cases


@pytest.mark.django_db
@FEW
@given(data=files, name=st.sampled_from(["records.csv", "records.xlsx"]))
def test_the_upload_page_answers_any_file_without_a_5xx(
    client: Client, cast: Cast, data: bytes, name: str
) -> None:
    client.force_login(cast.a_operator)
    cases = Case.objects.count()
    response = client.post(
        reverse("dataio:batches"),
        {"file": SimpleUploadedFile(name, data), "source_name": "12345", "channel": "hotline"},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        batch = ImportBatch.objects.latest("id")
        answer = client.post(reverse("dataio:batch", args=[batch.pk]), batch.mapping)
        assert answer.status_code in (200, 302)
        commit = client.post(reverse("dataio:commit", args=[batch.pk]))
        assert commit.status_code == 302
    assert Case.objects.count() == cases
