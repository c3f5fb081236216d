"""Major projects and decisions, their social-risk assessment, and the approval gate (see
"Major projects and decisions" in domain.md). An assessment is about a matter and the public's
response to it in aggregate: it never records who objected."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from redress.core import clock
from redress.core.models import TimestampedModel
from redress.orgs.models import Department, Jurisdiction, Level


class ProjectKind(models.TextChoices):
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    LAND_ACQUISITION = "land_acquisition", _("Land acquisition")
    DEMOLITION = "demolition", _("Demolition and resettlement")
    RESTRUCTURING = "restructuring", _("Enterprise restructuring")
    POLICY = "policy", _("Policy change")
    OTHER = "other", _("Other major decision")


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("Consultation")
    ANALYSIS = "analysis", _("Analysis")
    GRADED = "graded", _("Graded")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_conditions", _("Approved with conditions")
    BLOCKED = "blocked", _("Blocked")


APPROVED_STATUSES = frozenset({ProjectStatus.APPROVED, ProjectStatus.APPROVED_WITH_CONDITIONS})
# Before grading the project is, for the gate, unassessed.
UNASSESSED_STATUSES = frozenset(
    {ProjectStatus.DRAFT, ProjectStatus.CONSULTATION, ProjectStatus.ANALYSIS}
)
PENDING_STATUSES = UNASSESSED_STATUSES | {ProjectStatus.GRADED, ProjectStatus.REVIEWED}
# The assessment's content may change until the decision is taken.
EDITABLE_STATUSES = PENDING_STATUSES | {ProjectStatus.BLOCKED}


class Grade(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


GRADE_RANK = {Grade.LOW: 1, Grade.MEDIUM: 2, Grade.HIGH: 3}


class Project(TimestampedModel):
    """A major project, policy or decision that needs a social-risk assessment before it is
    approved."""

    title = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    level = models.CharField(
        _("level"),
        max_length=16,
        choices=[(value, label) for value, label in Level.choices if value != Level.ENTERPRISE],
        help_text=_("The level of government that decides on it."),
    )
    initiator = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="initiated_projects",
        verbose_name=_("initiator unit"),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("area"),
        help_text=_("Where the project is."),
    )
    # Copy of jurisdiction.path: scoping is one indexed prefix match, as for cases.
    jurisdiction_path = models.CharField(max_length=255, db_index=True)
    location_text = models.CharField(_("location"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    area_hectares = models.DecimalField(
        _("area (hectares)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    investment_wan = models.DecimalField(
        _("investment (10,000 yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    affected_households = models.PositiveIntegerField(_("affected households"), default=0)
    affected_people = models.PositiveIntegerField(_("affected people"), default=0)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT
    )
    main_objections = models.TextField(
        _("main objections"),
        max_length=5000,
        blank=True,
        help_text=_("What the objections are about, one per line; never who raised them."),
    )

    # Grading: the grade the thresholds give, and the assessor's (which may differ only with a
    # written reason).
    computed_grade = models.CharField(max_length=8, choices=Grade.choices, blank=True)
    computed_reasons = models.JSONField(default=list, blank=True)
    grade = models.CharField(_("grade"), max_length=8, choices=Grade.choices, blank=True)
    grade_reason = models.TextField(_("reason for a different grade"), blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True)

    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("major project")
        verbose_name_plural = _("major projects")
        indexes = [models.Index(fields=["status", "jurisdiction_path"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="project_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="project_longitude_range",
            ),
            # The gate, once more in the database: nothing approved without a reviewed grade.
            models.CheckConstraint(
                condition=~Q(status__in=sorted(APPROVED_STATUSES))
                | (Q(reviewed_at__isnull=False) & ~Q(grade="") & ~Q(grade=Grade.HIGH)),
                name="project_approved_only_when_assessed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_approved(self) -> bool:
        return self.status in APPROVED_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def grade_differs(self) -> bool:
        return bool(self.grade and self.computed_grade and self.grade != self.computed_grade)


class GradingScheme(models.Model):
    """The thresholds a jurisdiction grades by. The nearest jurisdiction up the tree with a
    scheme wins; without any, the defaults of the published local rule apply."""

    jurisdiction = models.OneToOneField(
        Jurisdiction, on_delete=models.CASCADE, related_name="grading_scheme"
    )
    coverage_min_percent = models.DecimalField(
        _("minimum survey coverage (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("95"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Households reached, as a share of affected households, at least."),
    )
    high_objection_above_percent = models.DecimalField(
        _("high: objection above (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("33"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    medium_objection_from_percent = models.DecimalField(
        _("medium: objection from (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("grading scheme")
        verbose_name_plural = _("grading schemes")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    medium_objection_from_percent__lte=models.F("high_objection_above_percent")
                ),
                name="grading_scheme_medium_below_high",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.jurisdiction}: {self.coverage_min_percent}% / "
            f"{self.medium_objection_from_percent}–{self.high_objection_above_percent}%"
        )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (
            self.medium_objection_from_percent is not None
            and self.high_objection_above_percent is not None
            and self.medium_objection_from_percent > self.high_objection_above_percent
        ):
            raise ValidationError(
                {"medium_objection_from_percent": _("Medium must start at or below high.")}
            )


class Dimension(models.TextChoices):
    LEGALITY = "legality", _("Legality")
    REASONABLENESS = "reasonableness", _("Reasonableness")
    FEASIBILITY = "feasibility", _("Feasibility")
    CONTROLLABILITY = "controllability", _("Controllability")


class DimensionFinding(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="dimensions")
    dimension = models.CharField(_("dimension"), max_length=16, choices=Dimension.choices)
    findings = models.TextField(_("findings"), max_length=5000)
    evidence = models.TextField(_("evidence"), max_length=5000, blank=True)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["project", "dimension"]
        constraints = [
            models.UniqueConstraint(fields=["project", "dimension"], name="dimension_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.dimension}"


class RiskFactorKind(models.TextChoices):
    LAND_ACQUISITION = "land_acquisition", _("Land acquisition")
    DEMOLITION = "demolition", _("Demolition and resettlement")
    COMPENSATION = "compensation", _("Compensation")
    ENVIRONMENT = "environment", _("Environment")
    EMPLOYMENT = "employment", _("Employment")
    PUBLIC_SERVICES = "public_services", _("Public services")
    PUBLIC_SAFETY = "public_safety", _("Public safety")


# The grievance categories (codes of the default taxonomy) each risk factor shows up in: after
# approval, open grievances in these categories and the project's area are suggested as its own.
FACTOR_CATEGORIES: dict[str, tuple[str, ...]] = {
    RiskFactorKind.LAND_ACQUISITION: ("land-compensation",),
    RiskFactorKind.DEMOLITION: ("demolition",),
    RiskFactorKind.COMPENSATION: ("land-compensation", "demolition"),
    RiskFactorKind.ENVIRONMENT: ("pollution",),
    RiskFactorKind.EMPLOYMENT: ("labour-dispute", "wage-arrears", "enterprise-restructuring"),
    RiskFactorKind.PUBLIC_SERVICES: ("public-services",),
    RiskFactorKind.PUBLIC_SAFETY: ("work-safety",),
}


class Level3(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class RiskFactor(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risk_factors")
    factor = models.CharField(_("risk factor"), max_length=20, choices=RiskFactorKind.choices)
    findings = models.TextField(_("findings"), max_length=5000)
    evidence = models.TextField(_("evidence"), max_length=5000, blank=True)
    likelihood = models.CharField(_("likelihood"), max_length=8, choices=Level3.choices)
    impact = models.CharField(_("impact"), max_length=8, choices=Level3.choices)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["project", "factor"]
        constraints = [
            models.UniqueConstraint(fields=["project", "factor"], name="risk_factor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.factor}"


class ConsultationKind(models.TextChoices):
    HEARING = "hearing", _("Public hearing")
    SURVEY = "survey", _("Household survey")
    EXPERT = "expert", _("Expert opinion")


class ConsultationRecord(models.Model):
    """A hearing, a household survey or an expert opinion. Surveys carry counts of households,
    never their names: the grade is computed from these counts."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("kind"), max_length=8, choices=ConsultationKind.choices)
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("summary"), max_length=5000)
    households_reached = models.PositiveIntegerField(_("households reached"), default=0)
    support_count = models.PositiveIntegerField(_("support"), default=0)
    objection_count = models.PositiveIntegerField(_("objection"), default=0)
    neutral_count = models.PositiveIntegerField(_("neutral"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    households_reached=models.F("support_count")
                    + models.F("objection_count")
                    + models.F("neutral_count")
                )
                | ~Q(kind="survey"),
                name="consultation_survey_counts_add_up",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind} {self.held_on}"


class MeasureStatus(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed")


class MitigationMeasure(models.Model):
    """A measure that lowers a risk, owned by a unit, due on the owner's working calendar.
    Overdue measures climb the same ladder as cases (reminder, escalation, warning)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="measures")
    description = models.TextField(_("measure"), max_length=2000)
    owner = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="mitigation_measures",
        verbose_name=_("owner unit"),
    )
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.OPEN
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completion_note = models.TextField(blank=True)
    escalation_step = models.PositiveSmallIntegerField(default=0)
    next_action_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("mitigation measure")
        verbose_name_plural = _("mitigation measures")
        indexes = [
            models.Index(
                fields=["next_action_at"],
                name="measure_worker_due",
                condition=Q(next_action_at__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_overdue(self) -> bool:
        return self.status == MeasureStatus.OPEN and self.due_at < clock.now()


class MeasureRecordEntry(models.Model):
    """A warning on the owner unit's record for an overdue measure: the counterpart of
    clocks.UnitRecordEntry (which is tied to a case) for the year-end assessment to read."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="measure_record"
    )
    measure = models.ForeignKey(
        MitigationMeasure, on_delete=models.CASCADE, related_name="record_entries"
    )
    due_at = models.DateTimeField()
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "due_at"], name="measure_record_once")
        ]

    def __str__(self) -> str:
        return f"warning for {self.department_id} on measure {self.measure_id}"


class ProjectEventKind(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    EDITED = "edited", _("Details changed")
    CONSULTATION_STARTED = "consultation_started", _("Consultation started")
    ANALYSIS_STARTED = "analysis_started", _("Analysis started")
    DIMENSION_RECORDED = "dimension_recorded", _("Dimension assessed")
    RISK_FACTOR_RECORDED = "risk_factor_recorded", _("Risk factor assessed")
    CONSULTATION_RECORDED = "consultation_recorded", _("Consultation recorded")
    CONSULTATION_CHANGED = "consultation_changed", _("Consultation figures changed")
    OBJECTIONS_RECORDED = "objections_recorded", _("Main objections recorded")
    GRADED = "graded", _("Graded")
    REGRADED = "regraded", _("Re-graded after a change")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_conditions", _("Approved with conditions")
    APPROVAL_REFUSED = "approval_refused", _("Approval refused by the gate")
    BLOCKED = "blocked", _("Blocked")
    MEASURE_ADDED = "measure_added", _("Mitigation measure added")
    MEASURE_COMPLETED = "measure_completed", _("Mitigation measure completed")
    MEASURE_REMINDER = "measure_reminder", _("Measure reminder")
    MEASURE_ESCALATED = "measure_escalated", _("Measure escalated to the level above")
    MEASURE_WARNING = "measure_warning", _("Warning on the owner unit's record")
    GRIEVANCE_LINKED = "grievance_linked", _("Grievance linked")


class ProjectEvent(models.Model):
    """One step on a project's timeline: who, when, what and why. Never edited or deleted."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=ProjectEventKind.choices)
    at = models.DateTimeField(default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=40, blank=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["project", "at"])]

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class LinkHow(models.TextChoices):
    OPERATOR = "operator", _("Linked by staff")
    SUGGESTED = "suggested", _("Suggestion accepted")


class ProjectCaseLink(models.Model):
    """A grievance about an approved project: it feeds the project's risk register."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="case_links")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="project_links")
    how = models.CharField(max_length=10, choices=LinkHow.choices)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(default=clock.now)
    # The grievance's submission time, copied: weekly counts need no join to cases.
    case_submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-linked_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "case"], name="project_case_link_unique")
        ]
        indexes = [models.Index(fields=["project", "case_submitted_at"])]

    def __str__(self) -> str:
        return f"project {self.project_id} ~ case {self.case_id}"
