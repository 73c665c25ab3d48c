from django.urls import path

from dantinh.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_board, name="board"),
    path("list/", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/risk/", views.case_risk, name="case_risk"),
    path("<int:pk>/developments/", views.development_add, name="development_add"),
    path("<int:pk>/items/", views.items_link, name="items_link"),
    path("<int:pk>/items/<int:item_pk>/unlink/", views.item_unlink, name="item_unlink"),
    path("<int:pk>/recommendations/", views.recommendations_link, name="recommendations_link"),
    path(
        "<int:pk>/recommendations/<int:rec_pk>/unlink/",
        views.recommendation_unlink,
        name="recommendation_unlink",
    ),
]
