from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("assign/", views.assign, name="assign"),
]
