from django.urls import path

from redress.dataio import views

app_name = "dataio"

urlpatterns = [
    path("imports/", views.batch_list, name="batches"),
    path("imports/<int:batch_id>/", views.batch_detail, name="batch"),
    path("imports/<int:batch_id>/commit/", views.batch_commit_view, name="commit"),
    path("imports/<int:batch_id>/progress.json", views.batch_progress, name="progress"),
    path("imports/<int:batch_id>/problems.csv", views.batch_problems_csv, name="problems"),
    path("exports/<slug:kind>.<slug:file_format>", views.export, name="export"),
]
