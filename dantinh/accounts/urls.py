from django.urls import path

from dantinh.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("password/", views.password, name="password"),
    path("2fa/verify/", views.verify, name="verify"),
    path("2fa/setup/", views.setup, name="setup"),
    path("2fa/codes/", views.codes_renew, name="codes_renew"),
    path("2fa/off/", views.second_factor_disable, name="second_factor_disable"),
    path("tokens/", views.token_issue, name="token_issue"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("tokens/drf/revoke/", views.drf_token_revoke, name="drf_token_revoke"),
    path("people/<int:pk>/password/", views.person_password_reset, name="person_password_reset"),
    path(
        "people/<int:pk>/2fa/reset/",
        views.person_second_factor_reset,
        name="person_second_factor_reset",
    ),
    path("people/<int:pk>/unlock/", views.person_unlock, name="person_unlock"),
]
