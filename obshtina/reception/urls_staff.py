"""Officials' and reception administrators' pages."""

from django.urls import path

from .views import staff, staff_booking, staff_documents, staff_schedules

urlpatterns = [
    path("staff/", staff.desk, name="desk"),
    path("staff/a/<str:number>/", staff.manage, name="manage"),
    path("staff/a/<str:number>/video/", staff.video_start, name="video_start"),
    path("staff/a/<str:number>/document/", staff_documents.cited_document, name="cited_document"),
    path(
        "staff/a/<str:number>/document/files/<int:pk>/",
        staff_documents.cited_document_file,
        name="cited_document_file",
    ),
    path("staff/book/", staff_booking.book, name="book"),
    path("staff/schedules/", staff_schedules.schedules, name="schedules"),
    path("staff/schedules/new/", staff_schedules.schedule_new, name="schedule_new"),
    path("staff/schedules/<str:slug>/", staff_schedules.schedule_edit, name="schedule_edit"),
    path("staff/groups/", staff_schedules.groups, name="groups"),
]
