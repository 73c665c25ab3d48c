from django.urls import path

from dantinh.insight import alert_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard_page, name="insight_dashboard"),
    path("dashboard/timeliness/", views.dashboard_timeliness, name="insight_dashboard_timeliness"),
    path("map/", views.map_page, name="insight_map"),
    path("alerts/", alert_views.alert_list, name="insight_alerts"),
    path("alerts/<int:pk>/", alert_views.alert_detail, name="insight_alert"),
    path("alerts/<int:pk>/handle/", alert_views.alert_handle, name="insight_alert_handle"),
    path("alerts/<int:pk>/case/", alert_views.alert_to_case, name="insight_alert_case"),
]
