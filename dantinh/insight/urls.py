from django.urls import path

from dantinh.insight import views

urlpatterns = [
    path("", views.home, name="home"),
]
