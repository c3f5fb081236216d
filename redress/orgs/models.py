"""Jurisdictions, their departments, and the staff who work in them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from redress.core.i18n import pick
from redress.core.models import TimestampedModel
from redress.orgs.signals import jurisdiction_path_changed


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County / district")
    TOWNSHIP = "township", _("Township / street")
    VILLAGE = "village", _("Village / community")
    ENTERPRISE = "enterprise", _("Enterprise or institution")


# A child must sit strictly below its parent; enterprises attach to any area.
LEVEL_RANK = {
    Level.PROVINCE: 1,
    Level.CITY: 2,
    Level.COUNTY: 3,
    Level.TOWNSHIP: 4,
    Level.VILLAGE: 5,
    Level.ENTERPRISE: 6,
}


def ancestor_ids_from_path(path: str) -> list[int]:
    """The ids in a materialized path ("/1/5/23/"), nearest first: a case's copy of its
    place's path answers this without loading the jurisdiction."""
    return [int(part) for part in path.strip("/").split("/") if part][::-1]


class Jurisdiction(TimestampedModel):
    """A node of the area tree (province > city > county > township > village), or an
    enterprise attached to an area. `path` lists the ids from the root, so a whole subtree is
    one indexed prefix query."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(_("division code"), max_length=20, blank=True)
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    boundary_geojson = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def ancestor_ids(self) -> list[int]:
        """Ids from this node up to the root, nearest first."""
        return ancestor_ids_from_path(self.path)

    def clean(self) -> None:
        if self.parent is None:
            return
        if self.parent_id == self.pk or (self.pk and f"/{self.pk}/" in self.parent.path):
            raise ValidationError({"parent": _("A jurisdiction cannot sit below itself.")})
        if (
            self.level != Level.ENTERPRISE
            and LEVEL_RANK[Level(self.level)] <= LEVEL_RANK[Level(self.parent.level)]
        ):
            raise ValidationError({"parent": _("The parent must be a higher level.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The path is a single-row fact derived from the parent; keeping it here means the admin,
        # services and fixtures can never leave it stale.
        old_path = self.path
        if self.pk is None:
            super().save(*args, **kwargs)
            self.path = self._computed_path()
            Jurisdiction.objects.filter(pk=self.pk).update(path=self.path)
            return
        self.path = self._computed_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            Jurisdiction.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(Value(self.path), Substr("path", len(old_path) + 1))
            )
            jurisdiction_path_changed.send(
                sender=Jurisdiction, old_path=old_path, new_path=self.path
            )

    def _computed_path(self) -> str:
        parent_path = self.parent.path if self.parent is not None else "/"
        return f"{parent_path}{self.pk}/"


class DepartmentKind(models.TextChoices):
    COMPLAINTS_OFFICE = "complaints", _("Complaints office")
    LABOUR_INSPECTION = "labour", _("Labour inspection")
    HUMAN_RESOURCES = "hrss", _("Human resources and social security")
    NATURAL_RESOURCES = "land", _("Natural resources")
    HOUSING = "housing", _("Housing and construction")
    ENVIRONMENT = "environment", _("Ecology and environment")
    WORK_SAFETY = "safety", _("Emergency management and work safety")
    JUDICIAL = "judicial", _("Judicial office (mediation)")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    CIVIL_AFFAIRS = "civil", _("Civil affairs")
    MARKET = "market", _("Market regulation")
    TRANSPORT = "transport", _("Transport and public utilities")
    DISCIPLINE = "discipline", _("Discipline inspection")
    OTHER = "other", _("Other")


class Department(TimestampedModel):
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="departments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DepartmentKind.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["jurisdiction__path", "kind"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "name_zh"], name="department_name_unique_in_jurisdiction"
            )
        ]
        indexes = [models.Index(fields=["jurisdiction", "kind"])]

    def __str__(self) -> str:
        return f"{self.jurisdiction.name} {self.name}"

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)


class Role(models.TextChoices):
    OPERATOR = "operator", _("Intake operator")
    LIAISON = "liaison", _("Community liaison")
    HANDLER = "handler", _("Case handler")
    DIRECTOR = "director", _("Office director")
    LEADER = "leader", _("Leader")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "admin", _("Administrator")


class User(AbstractUser):
    """A member of staff. Members of the public have no account: they hold a tracking code."""

    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.role == Role.HANDLER and self.department_id is None:
            raise ValidationError({"department": _("A case handler belongs to a department.")})
        if self.role and self.role != Role.ADMINISTRATOR and self.jurisdiction_id is None:
            raise ValidationError({"jurisdiction": _("Staff with a role belong to a unit.")})
        if (
            self.department is not None
            and self.jurisdiction_id
            and self.department.jurisdiction_id != self.jurisdiction_id
        ):
            raise ValidationError(
                {"department": _("The department must belong to the user's jurisdiction.")}
            )


class LoginThrottle(models.Model):
    """Failed sign-ins counted for one key (a user name from one address, or an address) in
    a window, shared by every server process (see redress.orgs.throttle). The key is a keyed
    hash, so neither user names nor addresses are kept in the clear; rows outlive their window
    by at most one more window."""

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.failures}"
