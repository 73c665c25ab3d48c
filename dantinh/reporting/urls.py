from django.urls import path

from dantinh.reporting.views import adhoc, config, misc, overview, submissions

app_name = "reporting"
urlpatterns = [
    path("", overview.home, name="home"),
    path("timeliness/", overview.matrix, name="matrix"),
    path("chasing/", overview.chasing, name="chasing"),
    path("composite/", overview.composite, name="composite"),
    path("open/", submissions.submission_open, name="submission_open"),
    path("upload/", submissions.upload, name="upload"),
    path("s/<int:pk>/", submissions.submission_detail, name="submission_detail"),
    path("s/<int:pk>/sections/<slug:code>/", submissions.section_save, name="section_save"),
    path("s/<int:pk>/header/", submissions.header_save, name="header_save"),
    path("s/<int:pk>/redraft/", submissions.redraft, name="redraft"),
    path("s/<int:pk>/attach/", submissions.attach, name="attach"),
    path(
        "s/<int:pk>/attachments/<int:attachment_id>/",
        submissions.attachment_download,
        name="attachment",
    ),
    path(
        "s/<int:pk>/attachments/<int:attachment_id>/delete/",
        submissions.attachment_remove,
        name="attachment_delete",
    ),
    path("s/<int:pk>/original/", submissions.original_download, name="original"),
    path("s/<int:pk>/submit/", submissions.submit, name="submit"),
    path("s/<int:pk>/review/", submissions.review, name="review"),
    path("s/<int:pk>/versions/<int:number>/", submissions.version_detail, name="version"),
    path("s/<int:pk>/export/<slug:fmt>/", misc.export_start, name="export_start"),
    path("export/<slug:fmt>/", misc.export_period, name="export_period"),
    path("exports/<int:pk>/", misc.export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", misc.export_download, name="export_download"),
    path("notifications/", misc.notifications, name="notifications"),
    path("notifications/<int:pk>/", misc.notification_open, name="notification_open"),
    path("adhoc/", adhoc.adhoc_list, name="adhoc_list"),
    path("adhoc/new/", adhoc.adhoc_create, name="adhoc_create"),
    path("adhoc/<int:pk>/", adhoc.adhoc_detail, name="adhoc_detail"),
    path("adhoc/<int:pk>/edit/", adhoc.adhoc_edit, name="adhoc_edit"),
    path("adhoc/<int:pk>/cancel/", adhoc.adhoc_cancel, name="adhoc_cancel"),
    path("settings/", config.settings_home, name="settings_home"),
    path("settings/schedules/<int:pk>/", config.schedule_edit, name="schedule_edit"),
    path("settings/templates/<int:pk>/", config.template_edit, name="template_edit"),
    path("settings/holidays/", config.holidays, name="holidays"),
    path("settings/holidays/<int:pk>/delete/", config.holiday_delete, name="holiday_delete"),
    path("units/<int:pk>/document/", config.unit_document, name="unit_document"),
]
