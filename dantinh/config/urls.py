from django.urls import include, path

from dantinh.org.audit_views import audit_list

urlpatterns = [
    path("", include("dantinh.core.urls")),
    path("", include("dantinh.insight.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("items/", include("dantinh.intake.urls")),
    path("units/", include("dantinh.org.urls")),
    path("audit/", audit_list, name="audit_list"),
    path("account/", include("dantinh.accounts.urls")),
    path("reports/", include("dantinh.reporting.urls")),
    path("api/v1/", include("dantinh.api.urls")),
]
