from django.contrib.auth import views as auth_views
from django.urls import path

from redress.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("login/", auth_views.LoginView.as_view(template_name="cases/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("cases/<int:case_id>/", views.detail, name="detail"),
    path("cases/<int:case_id>/contact/", views.contact, name="contact"),
    path("cases/<int:case_id>/<slug:action>/", views.act, name="act"),
]
