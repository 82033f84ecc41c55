from django.urls import path

from . import push_views

app_name = "push"
urlpatterns = [
    path("push/", push_views.push_settings, name="settings"),
    path("push/subscribe/", push_views.push_subscribe, name="subscribe"),
    path("push/unsubscribe/", push_views.push_unsubscribe, name="unsubscribe"),
]
