from django.urls import path

from redress.scorecards import views

app_name = "scorecards"

urlpatterns = [
    path("scores/", views.ranking, name="ranking"),
    path("scores/compute/", views.run_compute, name="compute"),
    path("scores/runs/<int:run_id>/", views.run_detail, name="run"),
    path("scores/runs/<int:run_id>/export.<slug:fmt>", views.run_export, name="export"),
    path("scores/cards/<int:card_id>/", views.card_detail, name="card"),
]
