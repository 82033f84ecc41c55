from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("mine/", views.mine, name="mine"),
    path("edit/", views.profile_edit, name="edit"),
    path("export/", views.data_export, name="export"),
    path("delete/", views.account_delete, name="delete"),
]
