"""Citizens' pages: schedules by group, free slots by week, requests, my appointments."""

from django.urls import path

from .views import public, public_move, public_waitlist

urlpatterns = [
    path("", public.index, name="index"),
    path("s/<str:slug>/", public.schedule, name="schedule"),
    path("s/<str:slug>/request/<str:key>/", public.slot_request, name="request"),
    path("s/<str:slug>/waitlist/", public_waitlist.join, name="waitlist_join"),
    path("w/<uuid:token>/", public_waitlist.offer, name="waitlist_offer"),
    path("w/<uuid:token>/leave/", public_waitlist.leave, name="waitlist_leave"),
    path("mine/", public.mine, name="mine"),
    path("a/<str:number>/", public.appointment, name="appointment"),
    path("a/<str:number>/cancel/", public.cancel, name="cancel"),
    path("a/<str:number>/move/", public_move.move, name="move"),
    path("a/<str:number>/calendar.ics", public.calendar_file, name="calendar_file"),
]
