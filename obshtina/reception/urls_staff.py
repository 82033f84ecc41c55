"""Officials' and reception administrators' pages."""

from django.urls import path

from .views import staff

urlpatterns = [
    path("staff/", staff.desk, name="desk"),
    path("staff/a/<str:number>/", staff.manage, name="manage"),
    path("staff/a/<str:number>/video/", staff.video_start, name="video_start"),
    path("staff/book/", staff.book, name="book"),
    path("staff/schedules/", staff.schedules, name="schedules"),
    path("staff/schedules/new/", staff.schedule_new, name="schedule_new"),
    path("staff/schedules/<str:slug>/", staff.schedule_edit, name="schedule_edit"),
    path("staff/groups/", staff.groups, name="groups"),
]
