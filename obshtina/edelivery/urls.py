from django.urls import path

from . import views

app_name = "edelivery"

urlpatterns = [
    path("push/", views.push_notification, name="push"),
]
