"""Every write to a case. Each state change is one function that checks the actor's role and the
case's state, changes the case and writes its timeline event in one transaction."""

from redress.cases.services.lifecycle import (
    case_accept,
    case_add_note,
    case_assign,
    case_close,
    case_confirm,
    case_decline,
    case_dispute,
    case_extend,
    case_pause,
    case_public_comment,
    case_re_review_answer,
    case_request_re_review,
    case_request_review,
    case_resolve,
    case_resume,
    case_review_answer,
    case_start,
    case_transfer,
)
from redress.cases.services.links import case_link, case_merge
from redress.cases.services.routing import route_department
from redress.cases.services.submission import ContactDetails, GrievanceInput, case_submit

__all__ = [
    "ContactDetails",
    "GrievanceInput",
    "case_accept",
    "case_add_note",
    "case_assign",
    "case_close",
    "case_confirm",
    "case_decline",
    "case_dispute",
    "case_extend",
    "case_link",
    "case_merge",
    "case_pause",
    "case_public_comment",
    "case_re_review_answer",
    "case_request_re_review",
    "case_request_review",
    "case_resolve",
    "case_resume",
    "case_review_answer",
    "case_start",
    "case_submit",
    "case_transfer",
    "route_department",
]
