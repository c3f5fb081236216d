"""Writes of the assessments app; import them from here."""

from redress.assessments.services.assessment import (
    ConsultationInput,
    ProjectInput,
    assessment_grade,
    assessment_review,
    assessment_start_analysis,
    assessment_start_consultation,
    consultation_record_add,
    consultation_record_update,
    dimension_record,
    grade_for,
    objections_record,
    project_register,
    risk_factor_record,
)
from redress.assessments.services.gate import (
    ApprovalRefused,
    gate_refusal,
    project_approve,
    project_block,
)
from redress.assessments.services.links import grievance_linked_hook_register, project_case_link
from redress.assessments.services.measures import mitigation_add, mitigation_complete

__all__ = [
    "ApprovalRefused",
    "ConsultationInput",
    "ProjectInput",
    "assessment_grade",
    "assessment_review",
    "assessment_start_analysis",
    "assessment_start_consultation",
    "consultation_record_add",
    "consultation_record_update",
    "dimension_record",
    "gate_refusal",
    "grade_for",
    "grievance_linked_hook_register",
    "mitigation_add",
    "mitigation_complete",
    "objections_record",
    "project_approve",
    "project_block",
    "project_case_link",
    "project_register",
    "risk_factor_record",
]
