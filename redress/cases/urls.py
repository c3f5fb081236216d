from django.contrib.auth import views as auth_views
from django.urls import path

from redress.cases import views
from redress.orgs.views import ThrottledLoginView

app_name = "cases"

urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("bulk/", views.bulk, name="bulk"),
    path("cases/<int:case_id>/", views.detail, name="detail"),
    path("cases/<int:case_id>/contact/", views.contact, name="contact"),
    path(
        "cases/<int:case_id>/attachments/<int:attachment_id>/", views.attachment, name="attachment"
    ),
    path("cases/<int:case_id>/<slug:action>/", views.act, name="act"),
]
