from django.urls import path

from . import views

app_name = "signatures"

urlpatterns = [
    path("attachments/<int:pk>/recheck/", views.recheck, name="recheck"),
]
