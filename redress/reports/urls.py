from django.urls import path

from redress.reports import views

app_name = "reports"

urlpatterns = [
    path("staff/", views.dashboard, name="dashboard"),
    path("staff/map/", views.case_map, name="map"),
    path("staff/map/data.json", views.case_map_data, name="map_data"),
    path("stats/", views.statistics, name="statistics"),
]
