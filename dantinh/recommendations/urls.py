from django.urls import path

from dantinh.recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.rec_list, name="list"),
    path("new/", views.register, name="register"),
    path("bulk/", views.bulk, name="bulk"),
    path("figures/", views.figures, name="figures"),
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/do/<slug:name>/", views.act, name="act"),
    path("<int:pk>/complainant/", views.complainant, name="complainant"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/transmittal.docx", views.transmittal_docx, name="transmittal"),
]
