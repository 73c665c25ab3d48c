from django.urls import path

from dantinh.core import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]
