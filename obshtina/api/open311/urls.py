"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2)."""

app_name = "open311"
urlpatterns: list = []
