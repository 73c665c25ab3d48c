from django.urls import path

from dantinh.programme.views import meetings

app_name = "programme"
urlpatterns = [
    path("", meetings.meeting_list, name="home"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/delete/", meetings.meeting_delete, name="meeting_delete"),
    path("meetings/<int:pk>/items/", meetings.meeting_items, name="meeting_items"),
]
