"""Pages for importing records (upload, map, check, commit with a progress bar) and the
export downloads behind the work queue's buttons."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from redress.core.errors import DomainError
from redress.core.spreadsheet import csv_stream
from redress.dataio import exports
from redress.dataio.forms import MappingForm, UploadForm
from redress.dataio.models import ImportStatus
from redress.dataio.responses import CONTENT_TYPES, export_response
from redress.dataio.selectors import batch_get_for_user, batch_list_for_user
from redress.dataio.services.batches import (
    INLINE_ROWS,
    batch_check,
    batch_commit,
    batch_map,
    batch_queue,
    batch_upload,
    import_allowed,
)
from redress.orgs.http import signed_in_user
from redress.orgs.models import User

PROBLEMS_PAGE = 100


def _importer(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if not import_allowed(user):
        raise Http404(_("No imports here."))
    return user


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    user = _importer(request)
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                batch = batch_upload(
                    user=user,
                    upload=upload,
                    name=upload.name,
                    source_name=form.cleaned_data["source_name"],
                    channel=form.cleaned_data["channel"],
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                return redirect("dataio:batch", batch_id=batch.pk)
    batches = batch_list_for_user(user=user)[:30]
    return render(request, "dataio/batch_list.html", {"form": form, "batches": batches})


@login_required
def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    user = _importer(request)
    batch = batch_get_for_user(user=user, batch_id=batch_id)
    form = MappingForm(batch=batch)
    if request.method == "POST":
        form = MappingForm(request.POST, batch=batch)
        if form.is_valid():
            try:
                batch_map(batch=batch, mapping=form.mapping())
                batch_check(batch=batch)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, _(str(error)))
            else:
                return redirect("dataio:batch", batch_id=batch.pk)
    problems = Paginator(batch.problems.all(), PROBLEMS_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "dataio/batch_detail.html",
        {
            "batch": batch,
            "form": form,
            "problems": problems,
            "editable": batch.status not in (ImportStatus.COMMITTING, ImportStatus.COMMITTED),
            "can_commit": batch.status == ImportStatus.VALIDATED and not batch.rows_bad,
            "statuses": ImportStatus,
        },
    )


@login_required
@require_POST
def batch_commit_view(request: HttpRequest, batch_id: int) -> HttpResponse:
    user = _importer(request)
    batch = batch_get_for_user(user=user, batch_id=batch_id)
    try:
        if batch.rows_total > INLINE_ROWS:
            batch_queue(batch=batch)
            messages.info(request, _("The import has started; this page shows its progress."))
        else:
            result = batch_commit(batch=batch, actor=user)
            batch.refresh_from_db()
            messages.success(
                request,
                _("Imported %(imported)s records; %(skipped)s already imported, skipped.")
                % {"imported": batch.rows_imported, "skipped": result.skipped},
            )
    except DomainError as error:
        messages.error(request, _(str(error)))
    return redirect("dataio:batch", batch_id=batch.pk)


@login_required
@never_cache
def batch_progress(request: HttpRequest, batch_id: int) -> JsonResponse:
    batch = batch_get_for_user(user=_importer(request), batch_id=batch_id)
    return JsonResponse(
        {
            "status": batch.status,
            "done": batch.progress_done,
            "total": batch.rows_total,
            "percent": batch.progress_percent,
            "imported": batch.rows_imported,
            "skipped": batch.rows_skipped,
        }
    )


@login_required
def batch_problems_csv(request: HttpRequest, batch_id: int) -> StreamingHttpResponse:
    batch = batch_get_for_user(user=_importer(request), batch_id=batch_id)
    rows = (
        [p.line, p.column, p.code, _(p.message)]
        for p in batch.problems.all().iterator(chunk_size=exports.CHUNK)
    )
    header = [[_("Line"), _("Column"), _("Code"), _("Problem")]]
    response = StreamingHttpResponse(
        csv_stream(_chain(header, rows)), content_type=CONTENT_TYPES["csv"]
    )
    response["Content-Disposition"] = f'attachment; filename="import-{batch.pk}-problems.csv"'
    return response


def _chain(*parts: Any) -> Any:
    for part in parts:
        yield from part


@login_required
def export(request: HttpRequest, kind: str, file_format: str) -> HttpResponseBase:
    """cases, timelines or statistics of the cases the work queue shows for the same query."""
    return export_response(
        user=signed_in_user(request), kind=kind, file_format=file_format, query=request.GET
    )
