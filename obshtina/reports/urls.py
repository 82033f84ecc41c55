from django.urls import path

from obshtina.casework.views import kind_queue
from obshtina.organization.permissions import KIND_REPORT

from .views import alerts, fixed, public, staff, submit
from .views import map as map_views

app_name = "reports"

urlpatterns = [
    # Citizens (submit.py)
    path("new/", submit.report_new, name="submit"),
    path("new/nearby/", submit.nearby, name="nearby"),
    path("new/category/", submit.category_extras, name="category_extras"),
    path("new/streets/", submit.streets, name="streets"),
    path("submitted/<str:token>/", submit.submitted, name="submitted"),
    path("mine/", submit.my_reports, name="mine"),
    # Public pages (public.py)
    path("r/<str:number>/", public.report_detail, name="detail"),
    path("access/<str:token>/", public.report_access, name="access"),
    path("access/<str:token>/reopen/", public.report_reopen, name="reopen"),
    path("r/<str:number>/subscribe/", public.subscribe, name="subscribe"),
    path("subscriptions/", public.my_subscriptions, name="subscriptions"),
    path("unsubscribe/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("fixed/<str:token>/", fixed.fixed_check, name="fixed_check"),
    # Alerts for an area, and feeds (alerts.py)
    path("alerts/", alerts.alert_request, name="alerts"),
    path("alerts/confirm/<str:token>/", alerts.alert_confirm, name="alert_confirm"),
    path("alerts/stop/<str:token>/", alerts.alert_stop, name="alert_stop"),
    path("feed/", alerts.AreaFeed(), name="area_feed"),
    path("r/<str:number>/feed/", alerts.ReportFeed(), name="report_feed"),
    # Map and open data (map.py)
    path("map/", map_views.map_page, name="map"),
    path("map/data/", map_views.map_data, name="map_data"),
    path("open-data/", map_views.open_data, name="open_data"),
    path("open-data/reports.csv", map_views.open_data_csv, name="open_data_csv"),
    path("open-data/reports.geojson", map_views.open_data_geojson, name="open_data_geojson"),
    # Staff (staff.py)
    path("staff/", kind_queue(KIND_REPORT), name="queue"),
    path("staff/<str:number>/", staff.report_manage, name="manage"),
    path(
        "staff/<str:number>/photos/<int:pk>/original/",
        staff.photo_original,
        name="photo_original",
    ),
    path("staff-statistics/", staff.statistics, name="statistics"),
    path("staff-statistics.csv", staff.statistics_csv, name="statistics_csv"),
]
