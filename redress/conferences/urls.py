from django.urls import path

from redress.conferences import views

app_name = "conferences"

urlpatterns = [
    path("", views.conference_list, name="list"),
    path("<int:conference_id>/", views.conference_detail, name="detail"),
    path("<int:conference_id>/<slug:step>/", views.conference_act, name="act"),
    path("items/<int:item_id>/", views.item_detail, name="item_detail"),
    path(
        "items/<int:item_id>/files/<int:attachment_id>/",
        views.item_file,
        name="item_file",
    ),
    path("items/<int:item_id>/<slug:step>/", views.item_act, name="item_act"),
]
