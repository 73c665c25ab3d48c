from django.urls import include, path

urlpatterns = [
    path("", include("dantinh.core.urls")),
]
