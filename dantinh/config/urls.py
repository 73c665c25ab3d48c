from django.urls import include, path

urlpatterns = [
    path("", include("dantinh.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("items/", include("dantinh.intake.urls")),
    path("units/", include("dantinh.org.urls")),
    path("reports/", include("dantinh.reporting.urls")),
    path("api/v1/", include("dantinh.api.urls")),
]
