"""Imports of hotline and letters records: the uploaded file, its column mapping and the problems a
dry run found. Which source record became which case is on the case itself
(Case.source_system and source_record_id, unique together), so a re-import adds nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from redress.core import clock
from redress.core.models import TimestampedModel


class ImportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ImportStatus(models.TextChoices):
    DRAFT = "draft", _("Uploaded")
    MAPPED = "mapped", _("Columns mapped")
    VALIDATED = "validated", _("Checked")
    COMMITTING = "committing", _("Importing")
    COMMITTED = "committed", _("Imported")
    FAILED = "failed", _("Failed")


class ImportChannel(models.TextChoices):
    """The doors an imported record came through (a subset of cases.Channel)."""

    HOTLINE = "hotline", _("Hotline")
    LETTER = "letter", _("Letter")
    VISIT = "visit", _("Visit in person")


def _upload_path(batch: ImportBatch, filename: str) -> str:
    # The stored name never uses the uploader's file name (which may hold anything).
    return f"imports/{clock.now():%Y/%m}/{batch.token}.{batch.file_format}"


class ImportBatch(TimestampedModel):
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(upload_to=_upload_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    file_format = models.CharField(max_length=8, choices=ImportFormat.choices)
    source_name = models.CharField(
        _("source system"),
        max_length=60,
        help_text=_("Where the records come from, e.g. 12345 hotline; part of each record's key."),
    )
    channel = models.CharField(_("channel"), max_length=12, choices=ImportChannel.choices)
    headers = models.JSONField(default=list, blank=True)
    # {target: header text}, targets from redress.dataio.mapping.Target.
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.DRAFT
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_bad = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    progress_done = models.PositiveIntegerField(default=0)
    failure = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The subtree the importer may write into, fixed at upload.
    jurisdiction = models.ForeignKey(
        "orgs.Jurisdiction", on_delete=models.PROTECT, related_name="+"
    )
    jurisdiction_path = models.CharField(max_length=255, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set by the worker that takes a queued batch (see services.batches.imports_commit_pending).
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [
            models.Index(
                fields=["status"],
                name="import_batch_committing",
                condition=models.Q(status="committing"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_name}: {self.original_name}"

    @property
    def progress_percent(self) -> int:
        if not self.rows_total:
            return 100 if self.status == ImportStatus.COMMITTED else 0
        return min(100, self.progress_done * 100 // self.rows_total)


class ImportProgress(models.Model):
    """How far a running import has got, written on a connection of its own while the import's
    transaction is still open (see services.batches.ProgressWriter). Not on the batch row:
    every imported record's foreign-key check locks that row, and updating it under those
    locks left each later check walking a chain of the row's versions: a million-row import's
    server time grew with every chunk."""

    batch = models.OneToOneField(
        ImportBatch, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    done = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.batch_id}: {self.done}"


class ImportProblem(models.Model):
    """One reason one row of a batch cannot be imported, as the last check found it."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="problems")
    line = models.PositiveIntegerField()
    column = models.CharField(max_length=200, blank=True)
    code = models.CharField(max_length=32)
    message = models.CharField(max_length=300)

    class Meta:
        ordering = ["line", "id"]

    def __str__(self) -> str:
        return f"line {self.line} {self.column}: {self.message}"
