from django.urls import path

from . import views

app_name = "eauth"

urlpatterns = [
    path("metadata/", views.metadata, name="metadata"),
    path("login/", views.login, name="login"),
    path("acs/", views.acs, name="acs"),
    path("link/", views.link, name="link"),
    path("unlink/", views.unlink, name="unlink"),
]
