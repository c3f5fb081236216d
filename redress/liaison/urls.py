from django.urls import path

from redress.liaison import views

app_name = "liaison"

urlpatterns = [
    path("liaison/", views.home, name="home"),
    path("liaison/reports/<int:report_id>/", views.report_detail, name="report"),
    path("liaison/matters/<int:matter_id>/case/", views.matter_case, name="matter_case"),
    path("liaison/major-risk/", views.major_risk, name="major_risk"),
    path("liaison/completeness/", views.completeness, name="completeness"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path(
        "notifications/<int:notification_id>/open/",
        views.notification_open,
        name="notification_open",
    ),
]
