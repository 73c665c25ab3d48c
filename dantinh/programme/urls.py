from django.urls import path

from dantinh.programme.views import meetings, surveys, targets

app_name = "programme"
urlpatterns = [
    path("", meetings.meeting_list, name="home"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/delete/", meetings.meeting_delete, name="meeting_delete"),
    path("meetings/<int:pk>/items/", meetings.meeting_items, name="meeting_items"),
    path("targets/", targets.target_list, name="target_list"),
    path("targets/new/", targets.target_create, name="target_create"),
    path("targets/standard/", targets.target_defaults, name="target_defaults"),
    path("targets/<int:pk>/", targets.target_detail, name="target_detail"),
    path("targets/<int:pk>/edit/", targets.target_update, name="target_update"),
    path("targets/<int:pk>/delete/", targets.target_delete, name="target_delete"),
    path("targets/<int:pk>/gather/", targets.target_collect, name="target_collect"),
    path(
        "targets/<int:pk>/units/<int:unit_id>/evidence/",
        targets.evidence_add,
        name="evidence_add",
    ),
    path("evidence/<int:pk>/", targets.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/remove/", targets.evidence_remove, name="evidence_remove"),
    path("surveys/", surveys.survey_list, name="survey_list"),
    path("surveys/new/", surveys.survey_create, name="survey_create"),
    path("surveys/<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path(
        "surveys/<int:pk>/questions/<int:question_id>/delete/",
        surveys.question_delete,
        name="question_delete",
    ),
    path("surveys/<int:pk>/answer/", surveys.survey_answer, name="survey_answer"),
    path("surveys/<int:pk>/import/", surveys.survey_import, name="survey_import"),
    path("surveys/<int:pk>/results/", surveys.survey_results, name="survey_results"),
    path("surveys/<int:pk>/export/<slug:fmt>/", surveys.survey_export, name="survey_export"),
    path("surveys/jobs/<int:pk>/", surveys.survey_job, name="survey_job"),
    path(
        "surveys/jobs/<int:pk>/download/", surveys.survey_job_download, name="survey_job_download"
    ),
]
