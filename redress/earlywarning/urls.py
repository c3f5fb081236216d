from django.urls import path

from redress.earlywarning import views

app_name = "earlywarning"

urlpatterns = [
    path("", views.alert_list, name="list"),
    path("map/", views.alert_map, name="map"),
    path("map/data.json", views.alert_map_data, name="map_data"),
    path("<int:alert_id>/", views.alert_detail, name="detail"),
    path("<int:alert_id>/<slug:step>/", views.alert_act, name="act"),
]
