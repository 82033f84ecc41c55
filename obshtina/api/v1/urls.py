"""The JSON API for our own clients, version 1."""

app_name = "api_v1"
urlpatterns: list = []
