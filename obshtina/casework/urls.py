from django.urls import path

from . import views, views_templates

app_name = "casework"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("assign/", views.assign, name="assign"),
    path("templates/", views_templates.template_list, name="templates"),
    path("templates/new/", views_templates.template_edit, name="template_new"),
    path("templates/<int:pk>/", views_templates.template_edit, name="template_edit"),
    path(
        "templates/<int:pk>/active/",
        views_templates.template_set_active,
        name="template_set_active",
    ),
]
