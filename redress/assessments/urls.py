from django.urls import path

from redress.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_new, name="new"),
    path("gate/", views.project_gate, name="gate"),
    path("<int:project_id>/", views.project_detail, name="detail"),
    path("<int:project_id>/report/", views.project_report, name="report"),
    path("<int:project_id>/report.pdf", views.project_report_pdf, name="report_pdf"),
    path("<int:project_id>/<slug:action>/", views.project_act, name="act"),
]
