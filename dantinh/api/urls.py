from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from dantinh.intake.apis import ItemViewSet
from dantinh.org.apis import UnitViewSet
from dantinh.reporting.apis import SubmissionViewSet, TimelinessViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("items", ItemViewSet, basename="item")
router.register("submissions", SubmissionViewSet, basename="submission")
router.register("timeliness", TimelinessViewSet, basename="timeliness")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
