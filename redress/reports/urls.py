from django.urls import path, re_path

from redress.reports import opendata_views, views
from redress.reports.briefings import views as briefing_views

app_name = "reports"

urlpatterns = [
    path("staff/", views.dashboard, name="dashboard"),
    path("staff/map/", views.case_map, name="map"),
    path("staff/map/data.json", views.case_map_data, name="map_data"),
    path("staff/briefings/", briefing_views.briefing_list, name="briefings"),
    path(
        "staff/briefings/generate/", briefing_views.briefing_generate_now, name="briefing_generate"
    ),
    path("staff/briefings/<int:briefing_id>/", briefing_views.briefing_detail, name="briefing"),
    path(
        "staff/briefings/<int:briefing_id>/pdf/", briefing_views.briefing_pdf, name="briefing_pdf"
    ),
    path("stats/", views.statistics, name="statistics"),
    path("stats/api/", opendata_views.api_docs, name="opendata_docs"),
    path("stats/api/v1/", opendata_views.api_index, name="opendata_index"),
    path("stats/api/v1/cells", opendata_views.api_cells, name="opendata_cells"),
    re_path(r"^stats/api/v1/cells\.(?P<suffix>json|csv)$", opendata_views.api_cells),
    path("stats/api/v1/totals", opendata_views.api_totals, name="opendata_totals"),
    re_path(r"^stats/api/v1/totals\.(?P<suffix>json|csv)$", opendata_views.api_totals),
]
