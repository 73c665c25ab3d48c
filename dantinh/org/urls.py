from django.urls import path

from dantinh.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("picker/", views.unit_picker, name="unit_picker"),
]
