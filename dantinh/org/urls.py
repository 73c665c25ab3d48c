from django.urls import path

from dantinh.org import admin_views, views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("picker/", views.unit_picker, name="unit_picker"),
    path("<int:pk>/add/", admin_views.unit_add, name="unit_add"),
    path("people/", admin_views.people, name="people"),
    path("people/<int:pk>/toggle/", admin_views.membership_toggle, name="membership_toggle"),
]
