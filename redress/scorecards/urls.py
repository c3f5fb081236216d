from django.urls import path

from redress.scorecards import views

app_name = "scorecards"

urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("compute/", views.run_compute, name="compute"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("runs/<int:run_id>/export.<slug:fmt>", views.run_export, name="export"),
    path("cards/<int:card_id>/", views.card_detail, name="card"),
]
