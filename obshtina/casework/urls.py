from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("", views.template_list, name="templates"),
    path("new/", views.template_edit, name="template_new"),
    path("<int:pk>/", views.template_edit, name="template_edit"),
    path("<int:pk>/active/", views.template_set_active, name="template_set_active"),
]
