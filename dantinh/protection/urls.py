from django.urls import path

from dantinh.protection import views

app_name = "protection"
urlpatterns = [
    path("", views.home, name="home"),
    path("keys/", views.keys_page, name="keys"),
    path("retention/", views.retention_page, name="retention"),
]
