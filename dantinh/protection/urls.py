from django.urls import path

from dantinh.protection import breach_views, request_views, views

app_name = "protection"
urlpatterns = [
    path("", views.home, name="home"),
    path("keys/", views.keys_page, name="keys"),
    path("retention/", views.retention_page, name="retention"),
    path("records/", views.records_page, name="records"),
    path("records/<slug:which>.docx", views.records_download, name="records_download"),
    path("breaches/", breach_views.breach_list, name="breach_list"),
    path("breaches/<int:pk>/", breach_views.breach_detail, name="breach_detail"),
    path(
        "breaches/<int:pk>/notification.docx",
        breach_views.breach_notification,
        name="breach_notification",
    ),
    path("requests/", request_views.request_list, name="request_list"),
    path("requests/new/", request_views.request_new, name="request_new"),
    path("requests/<int:pk>/", request_views.request_detail, name="request_detail"),
    path("requests/<int:pk>/letter.docx", request_views.request_letter, name="request_letter"),
    path("requests/time-limits/", request_views.time_limits, name="time_limits"),
]
