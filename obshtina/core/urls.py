from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("report/", views.coming_soon, {"title_key": "report"}, name="report"),
    path("track/", views.track, name="track"),
    path("map/", views.coming_soon, {"title_key": "map"}, name="map"),
    path("info/", views.coming_soon, {"title_key": "info"}, name="info"),
    path("reception/", views.coming_soon, {"title_key": "reception"}, name="reception"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
]
