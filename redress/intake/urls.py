from django.urls import path

from redress.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.home, name="home"),
    path("submit/", views.submit, name="submit"),
    path("receipt/<str:code>/", views.receipt, name="receipt"),
    path("track/", views.track_lookup, name="track_lookup"),
    path("track/<str:code>/", views.track, name="track"),
    path("track/<str:code>/<slug:action>/", views.public_action, name="public_action"),
    path("staff/intake/", views.operator_entry, name="operator_entry"),
    path("staff/intake/suggest/", views.operator_suggest, name="operator_suggest"),
]
