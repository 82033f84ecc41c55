"""Citizens' pages: schedules by group, free slots by week, requests, my appointments."""

from django.urls import path

from .views import public, public_move

urlpatterns = [
    path("", public.index, name="index"),
    path("s/<str:slug>/", public.schedule, name="schedule"),
    path("s/<str:slug>/request/<str:key>/", public.slot_request, name="request"),
    path("mine/", public.mine, name="mine"),
    path("a/<str:number>/", public.appointment, name="appointment"),
    path("a/<str:number>/cancel/", public.cancel, name="cancel"),
    path("a/<str:number>/move/", public_move.move, name="move"),
    path("a/<str:number>/calendar.ics", public.calendar_file, name="calendar_file"),
]
