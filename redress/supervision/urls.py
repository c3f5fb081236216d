from django.urls import path

from redress.supervision import views

app_name = "supervision"

urlpatterns = [
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/mine/", views.letter_mine, name="letter_mine"),
    path("letters/new/", views.letter_new, name="letter_new"),
    path("letters/<int:letter_id>/", views.letter_detail, name="letter_detail"),
    path(
        "letters/<int:letter_id>/files/<int:attachment_id>/",
        views.letter_file,
        name="letter_file",
    ),
    path("letters/<int:letter_id>/<slug:step>/", views.letter_act, name="letter_act"),
    path("accountability/", views.accountability_list, name="accountability_list"),
    path(
        "accountability/<int:record_id>/",
        views.accountability_detail,
        name="accountability_detail",
    ),
    path(
        "accountability/<int:record_id>/<slug:step>/",
        views.accountability_act,
        name="accountability_act",
    ),
]
