from django.contrib.auth import views as auth_views
from django.urls import include, path

from dantinh.accounts.views import SignInView
from dantinh.org.audit_views import audit_list

urlpatterns = [
    path("", include("dantinh.core.urls")),
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("dantinh.insight.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("items/", include("dantinh.intake.urls")),
    path("units/", include("dantinh.org.urls")),
    path("audit/", audit_list, name="audit_list"),
    path("account/", include("dantinh.accounts.urls")),
    path("reports/", include("dantinh.reporting.urls")),
    path("recommendations/", include("dantinh.recommendations.urls")),
    path("cases/", include("dantinh.cases.urls")),
    path("programme/", include("dantinh.programme.urls")),
    path("protection/", include("dantinh.protection.urls")),
    path("monitor/", include("dantinh.media.urls")),
    path("api/v1/", include("dantinh.api.urls")),
]
