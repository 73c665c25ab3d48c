from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from dantinh.api import views
from dantinh.cases.apis import CaseViewSet
from dantinh.intake.apis import ItemViewSet
from dantinh.media.apis import SourceViewSet, StoryViewSet
from dantinh.org.apis import UnitViewSet
from dantinh.programme.apis import MeetingViewSet, SurveyViewSet, TargetViewSet
from dantinh.recommendations.apis import BodyViewSet, RecommendationViewSet
from dantinh.reporting.apis import SubmissionViewSet, TimelinessViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("items", ItemViewSet, basename="item")
router.register("submissions", SubmissionViewSet, basename="submission")
router.register("timeliness", TimelinessViewSet, basename="timeliness")
router.register("bodies", BodyViewSet, basename="body")
router.register("recommendations", RecommendationViewSet, basename="recommendation")
router.register("cases", CaseViewSet, basename="case")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("targets", TargetViewSet, basename="target")
router.register("surveys", SurveyViewSet, basename="survey")
router.register("media/stories", StoryViewSet, basename="media-story")
router.register("media/sources", SourceViewSet, basename="media-source")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Inside the application's frame, in place of drf-spectacular's stand-alone pages (their
    # inline scripts break under the Content-Security-Policy, and they had no way back).
    path("docs/", views.docs, name="api-docs"),
]
