from django.contrib.auth import views as auth_views
from django.urls import path

from dantinh.accounts.views import SignInView
from dantinh.core import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(
        "login/",
        SignInView.as_view(),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
