"""Grievance cases, their categories and routing, and the timeline of every step."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from redress.core import clock
from redress.core.i18n import pick
from redress.core.models import TimestampedModel
from redress.orgs.models import Department, DepartmentKind, Jurisdiction


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class Category(TimestampedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=80)
    description_zh = models.CharField(max_length=200, blank=True)
    description_en = models.CharField(max_length=200, blank=True)
    default_department_kind = models.CharField(
        _("default department"), max_length=16, choices=DepartmentKind.choices
    )
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    keywords = models.TextField(
        _("keywords"), blank=True, help_text=_("Words that suggest this category, one per line.")
    )
    sort_order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)
    # An answer often names people, sums and places: it is published (Open311) only where the
    # office chose so, case by case; this is the choice the answer form starts from.
    answers_public_by_default = models.BooleanField(
        _("answers are public by default"),
        default=False,
        help_text=_(
            "Whether an answer in this category is published (Open311) unless the handler "
            "chooses otherwise. Off: the public sees only that the case was answered."
        ),
    )

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)


class FieldType(models.TextChoices):
    """The datatypes of Open311 GeoReport v2 service attributes."""

    STRING = "string", _("Short text")
    NUMBER = "number", _("Number")
    DATETIME = "datetime", _("Date and time")
    TEXT = "text", _("Long text")
    SINGLE_CHOICE = "singlevaluelist", _("One of a list")
    MULTI_CHOICE = "multivaluelist", _("Several of a list")


class CategoryField(TimestampedModel):
    """An extra question a category asks (the number of workers owed, the site's name...)."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="fields")
    code = models.SlugField(_("code"), max_length=40)
    datatype = models.CharField(_("type"), max_length=16, choices=FieldType.choices)
    required = models.BooleanField(_("required"), default=False)
    label_zh = models.CharField(_("question (Chinese)"), max_length=200)
    label_en = models.CharField(_("question (English)"), max_length=200, blank=True)
    help_zh = models.CharField(max_length=300, blank=True)
    help_en = models.CharField(max_length=300, blank=True)
    # For the list types: [{"key": "...", "name_zh": "...", "name_en": "..."}, ...]
    choices = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=10)

    class Meta:
        ordering = ["category", "order", "code"]
        verbose_name = _("category field")
        verbose_name_plural = _("category fields")
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="category_field_unique")
        ]

    def __str__(self) -> str:
        return f"{self.category.code}.{self.code}"

    @property
    def label(self) -> str:
        return pick(self.label_zh, self.label_en)

    @property
    def choice_keys(self) -> list[str]:
        return [str(choice.get("key")) for choice in self.choices or []]


class RoutingRule(TimestampedModel):
    """Sends a category's grievances in a jurisdiction (and below it) to one department."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="routing_rules")
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="routing_rules"
    )
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(fields=["category", "jurisdiction"], name="routing_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.category} @ {self.jurisdiction} -> {self.department}"


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Answered")
    CONFIRMED = "confirmed", _("Confirmed by complainant")
    DISPUTED = "disputed", _("Disputed by complainant")
    UNDER_REVIEW = "under_review", _("Under review")
    REVIEWED = "reviewed", _("Review answered")
    UNDER_RE_REVIEW = "under_re_review", _("Under re-review")
    RE_REVIEWED = "re_reviewed", _("Re-review answered")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another case")


OPEN_STATUSES = frozenset(
    {
        CaseStatus.RECEIVED,
        CaseStatus.ACCEPTED,
        CaseStatus.ASSIGNED,
        CaseStatus.IN_PROGRESS,
        CaseStatus.DISPUTED,
        CaseStatus.UNDER_REVIEW,
        CaseStatus.UNDER_RE_REVIEW,
    }
)
# States in which the holding unit owes work; only these may be paused.
PAUSABLE_STATUSES = frozenset({CaseStatus.ACCEPTED, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS})


class ClockStage(models.TextChoices):
    """Which clock runs. Staff clocks escalate when overdue; the complainant's window does not."""

    NONE = "none", _("No clock")
    ACCEPTANCE = "acceptance", _("Decide acceptance")
    HANDLING = "handling", _("Handle and answer")
    REVIEW_WINDOW = "review_window", _("Complainant may ask for review")
    REVIEW = "review", _("Answer the review")
    RE_REVIEW = "re_review", _("Answer the re-review")


STAFF_CLOCK_STAGES = frozenset(
    {ClockStage.ACCEPTANCE, ClockStage.HANDLING, ClockStage.REVIEW, ClockStage.RE_REVIEW}
)


class Channel(models.TextChoices):
    WEB = "web", _("Online form")
    HOTLINE = "hotline", _("Hotline")
    LETTER = "letter", _("Letter")
    VISIT = "visit", _("Visit in person")
    LIAISON = "liaison", _("Liaison report")
    OPEN311 = "open311", _("Open311 client")
    IMPORT = "import", _("Import")


class Case(TimestampedModel):
    # Unique through Meta.constraints: as a field option it would also get a second index
    # for LIKE, and codes are only ever looked up whole.
    tracking_code = models.CharField(_("tracking code"), max_length=12)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    # Foreign keys without an index of their own where a composite index of Meta.indexes
    # starts with them, or a partial one covers the rows that have them: every index is
    # written on each grievance taken in.
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="cases", db_index=False
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text=_("Where the problem is."),
    )
    # Copy of jurisdiction.path: scoping a user to a subtree is then one indexed prefix match.
    jurisdiction_path = models.CharField(max_length=255)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,
        help_text=_("The department that holds the case now."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
        related_name="assigned_cases",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    location_text = models.CharField(_("place"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    people_affected = models.PositiveIntegerField(_("people affected"), default=1)
    # Answers to the category's extra questions, by CategoryField.code.
    extra_fields = models.JSONField(default=dict, blank=True)
    media_url = models.URLField(max_length=500, blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=True)

    submitted_at = models.DateTimeField(default=clock.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    answer = models.TextField(_("answer"), blank=True)
    review_answer = models.TextField(blank=True)
    re_review_answer = models.TextField(blank=True)
    # Whether the written answers (and a decline's reason) may be published beyond the
    # complainant's own tracking page; chosen when the case is answered or declined.
    answer_is_public = models.BooleanField(_("answer is public"), default=False)

    # The running clock (see redress.clocks).
    clock_stage = models.CharField(
        max_length=16, choices=ClockStage.choices, default=ClockStage.ACCEPTANCE
    )
    clock_started_at = models.DateTimeField(null=True, blank=True)
    clock_unit = models.CharField(max_length=16, default="working_days")
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    pause_reason = models.CharField(max_length=300, blank=True)
    extended = models.BooleanField(default=False)
    escalation_step = models.PositiveSmallIntegerField(default=0)
    # When the worker next has something to do for this case; NULL when nothing is pending.
    next_action_at = models.DateTimeField(null=True, blank=True)

    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
        db_index=False,
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    idempotency_fingerprint = models.CharField(max_length=64, blank=True)
    # The source record an import made this case from (redress.dataio), unique per source
    # system: a re-import of the same record, in any file, adds nothing. On the case rather
    # than in a table beside it: for each record of a large import, that is a row, three index
    # entries and two foreign-key checks fewer, a sixth of the server's work.
    source_system = models.CharField(max_length=60, null=True, blank=True, editable=False)
    source_record_id = models.CharField(max_length=100, null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["department", "status", "due_at"], name="case_queue_dept"),
            # A director's queue: open cases in due order, the area's path prefix checked on
            # the way (a prefix LIKE cannot use a btree under a non-C collation, and most of
            # a director's scope matches anyway). Small: only open cases.
            models.Index(
                fields=["due_at", "id"],
                name="case_queue_open_due",
                condition=Q(status__in=sorted(OPEN_STATUSES)),
            ),
            models.Index(
                fields=["next_action_at"],
                name="case_worker_due",
                condition=Q(next_action_at__isnull=False),
            ),
            models.Index(fields=["category", "submitted_at"], name="case_category_time"),
            # Scoping to an area is a prefix match on the path (LIKE 'prefix%').
            models.Index(
                fields=["jurisdiction_path"],
                name="case_path_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(
                fields=["assignee"], name="case_assignee", condition=Q(assignee__isnull=False)
            ),
            models.Index(
                fields=["merged_into"],
                name="case_merged_into",
                condition=Q(merged_into__isnull=False),
            ),
            models.Index(
                fields=["created_by"],
                name="case_created_by",
                condition=Q(created_by__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["tracking_code"], name="case_tracking_code_unique"),
            models.UniqueConstraint(
                fields=["idempotency_key"],
                name="case_idempotency_key_unique",
                condition=Q(idempotency_key__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["source_system", "source_record_id"],
                name="case_source_record_unique",
                condition=Q(source_record_id__isnull=False),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="case_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="case_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} {self.title}"

    @property
    def display_code(self) -> str:
        code = self.tracking_code
        return f"{code[:4]}-{code[4:8]}-{code[8:]}"

    @property
    def reference(self) -> str:
        """How staff pages that list cases from elsewhere (agendas, letters, alerts, projects)
        name a case: the internal id, never the tracking code, which is the complainant's key
        on the public pages and must not reach units that may not open the case."""
        return f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def is_overdue(self) -> bool:
        return (
            self.clock_stage in STAFF_CLOCK_STAGES
            and self.due_at is not None
            and not self.is_paused
            and self.due_at < clock.now()
        )


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ASSIGNED = "assigned", _("Assigned")
    STARTED = "started", _("Work started")
    TRANSFERRED = "transferred", _("Transferred")
    EXTENDED = "extended", _("Deadline extended")
    PAUSED = "paused", _("Clock paused")
    RESUMED = "resumed", _("Clock resumed")
    RESOLVED = "resolved", _("Answered")
    CONFIRMED = "confirmed", _("Confirmed by complainant")
    DISPUTED = "disputed", _("Disputed by complainant")
    REVIEW_REQUESTED = "review_requested", _("Review requested")
    REVIEWED = "reviewed", _("Review answered")
    RE_REVIEW_REQUESTED = "re_review_requested", _("Re-review requested")
    RE_REVIEWED = "re_reviewed", _("Re-review answered")
    CLOSED = "closed", _("Closed")
    LINKED = "linked", _("Linked to a related case")
    MERGED = "merged", _("Merged")
    NOTE = "note", _("Note")
    COMMENT = "comment", _("Public comment")
    REMINDER = "reminder", _("Deadline reminder")
    ESCALATED = "escalated", _("Escalated to the level above")
    WARNING = "warning", _("Warning on the unit's record")
    CONTACT_READ = "contact_read", _("Contact details read")
    CONTACT_PURGED = "contact_purged", _("Contact details purged")


class CaseEvent(models.Model):
    """One step on a case's timeline: who, when, what and why. Never edited, never deleted."""

    # Indexed by Meta.indexes' (case, at), which serves lookups by case alone too.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", db_index=False)
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    at = models.DateTimeField(default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who acted when there is no user: "public" (the complainant) or "system" (the worker).
    actor_label = models.CharField(max_length=40, blank=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    is_public = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class CaseHolding(models.Model):
    """A stretch of time during which one department held the case. Clocks restart with each
    holding, so a unit that receives a transfer is not charged for time lost before it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="holdings")
    # Indexed by Meta.indexes' (department, started_at), which serves lookups by department alone.
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    started_at = models.DateTimeField(default=clock.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    was_overdue = models.BooleanField(default=False)

    class Meta:
        ordering = ["started_at", "id"]
        indexes = [models.Index(fields=["department", "started_at"])]

    def __str__(self) -> str:
        return f"case {self.case_id} held by {self.department_id} from {self.started_at:%Y-%m-%d}"


class CaseLink(models.Model):
    """Two related grievances, kept apart but shown side by side."""

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out")
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in")
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_case", "to_case"], name="case_link_unique"),
            models.CheckConstraint(
                condition=~Q(from_case=models.F("to_case")), name="case_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"case {self.from_case_id} ~ case {self.to_case_id}"


def _attachment_path(instance: CaseAttachment, filename: str) -> str:
    # Random names: the uploader's file name may carry personal detail, and URLs must not be
    # guessable (files are served only through the scoped attachment view anyway).
    import secrets

    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}.get(
        instance.content_type, "bin"
    )
    moment = clock.now()
    return f"attachments/{moment:%Y/%m}/{secrets.token_hex(16)}.{extension}"


class CaseAttachment(models.Model):
    """A photo that came with a grievance. Stored re-encoded, without its metadata (a phone
    photo's EXIF can carry the place and the device), and shown only to staff who may see the
    case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"attachment {self.pk} of case {self.case_id}"
