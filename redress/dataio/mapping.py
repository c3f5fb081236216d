"""Which column of an uploaded file feeds which field of a case: the targets, a proposal from
the header names (Chinese and English), and the check of a mapping a person made."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from redress.core.errors import DomainError


class Target(models.TextChoices):
    RECORD_ID = "record_id", _("Record number")
    RECEIVED_AT = "received_at", _("Time received")
    TITLE = "title", _("Title")
    DESCRIPTION = "description", _("Description")
    CATEGORY = "category", _("Category")
    AREA = "area", _("Area (any level)")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village")
    ADDRESS = "address", _("Place")
    URGENCY = "urgency", _("Urgency")
    PEOPLE_AFFECTED = "people_affected", _("People affected")
    LATITUDE = "latitude", _("Latitude")
    LONGITUDE = "longitude", _("Longitude")
    CONTACT_NAME = "contact_name", _("Complainant's name (to the contact vault)")
    CONTACT_PHONE = "contact_phone", _("Complainant's phone (to the contact vault)")


REQUIRED = (Target.RECEIVED_AT, Target.DESCRIPTION, Target.CATEGORY)
# At least one of these places the record.
PLACE_TARGETS = (Target.AREA, Target.TOWNSHIP, Target.VILLAGE)

# Header names seen in hotline and letters registers, normalised by _normal().
SYNONYMS: dict[Target, tuple[str, ...]] = {
    Target.RECORD_ID: (
        "编号", "工单号", "工单编号", "记录编号", "来电编号", "信件编号", "登记编号", "序号",
        "recordid", "record", "id", "ticket", "ticketno", "trackingcode", "code", "no",
    ),
    Target.RECEIVED_AT: (
        "来电时间", "来信时间", "受理时间", "登记时间", "收到时间", "日期", "时间", "提交时间",
        "received", "receivedat", "date", "time", "submitted", "submittedat", "calltime",
    ),
    Target.TITLE: ("标题", "主题", "事由", "title", "subject", "summary"),
    Target.DESCRIPTION: (
        "诉求内容", "来电内容", "来信内容", "反映内容", "内容", "诉求", "问题描述", "描述",
        "description", "details", "content", "text", "complaint",
    ),
    Target.CATEGORY: ("类别", "分类", "诉求类别", "问题类别", "类型", "category", "type"),
    Target.AREA: ("地区", "区域", "所属地区", "area", "jurisdiction", "region"),
    Target.TOWNSHIP: ("乡镇", "镇", "乡镇街道", "街道", "township", "town"),
    Target.VILLAGE: ("村", "村社区", "村居", "社区", "村委会", "village", "community"),
    Target.ADDRESS: ("地址", "地点", "事发地点", "详细地址", "address", "location", "place"),
    Target.URGENCY: ("紧急程度", "缓急", "urgency", "priority"),
    Target.PEOPLE_AFFECTED: ("涉及人数", "人数", "peopleaffected", "people"),
    Target.LATITUDE: ("纬度", "latitude", "lat"),
    Target.LONGITUDE: ("经度", "longitude", "lon", "lng"),
    Target.CONTACT_NAME: (
        "姓名", "来电人", "来信人", "联系人", "name", "contactname", "callername",
    ),
    Target.CONTACT_PHONE: (
        "电话", "联系电话", "手机", "来电号码", "phone", "telephone", "contactphone", "mobile",
    ),
}  # fmt: skip


def _normal(header: str) -> str:
    return re.sub(r"[\s_\-/()（）:：*]", "", header).lower()


def mapping_propose(*, headers: list[str]) -> dict[str, str]:
    """{target: header} for each target whose synonym matches a header exactly (after
    normalising), else a header that contains a synonym of two or more characters. Each header
    feeds one target at most."""
    normal = [_normal(header) for header in headers]
    proposal: dict[str, str] = {}
    used: set[int] = set()
    for exact in (True, False):
        for target, synonyms in SYNONYMS.items():
            if target.value in proposal:
                continue
            for synonym in synonyms:
                found = next(
                    (
                        index
                        for index, name in enumerate(normal)
                        if index not in used
                        and (name == synonym if exact else len(synonym) >= 2 and synonym in name)
                    ),
                    None,
                )
                if found is not None:
                    proposal[target.value] = headers[found]
                    used.add(found)
                    break
    return proposal


def mapping_clean(*, mapping: dict[str, str], headers: list[str]) -> dict[str, str]:
    """The mapping without empty choices; DomainError naming the target otherwise."""
    cleaned = {target: header for target, header in mapping.items() if header}
    for target, header in cleaned.items():
        if target not in Target.values:
            raise DomainError(gettext("Unknown field."), field=target, code="invalid")
        if header not in headers:
            raise DomainError(
                gettext("This column is not in the file."), field=target, code="invalid"
            )
    for target in REQUIRED:
        if target.value not in cleaned:
            raise DomainError(
                gettext("Choose the column for this field."), field=target.value, code="required"
            )
    if not any(target.value in cleaned for target in PLACE_TARGETS):
        raise DomainError(
            gettext("Choose a column for the area, the township or the village."),
            field=Target.AREA.value,
            code="required",
        )
    seen: dict[str, str] = {}
    for target, header in cleaned.items():
        if header in seen:
            raise DomainError(
                gettext("This column is already chosen for another field."),
                field=target,
                code="duplicate",
            )
        seen[header] = target
    return cleaned
