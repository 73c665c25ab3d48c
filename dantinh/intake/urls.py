from django.urls import path

from dantinh.intake import import_views, taxonomy_views, views

app_name = "intake"
urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("new/", views.item_create, name="item_create"),
    path("suggest/", views.item_suggest, name="item_suggest"),
    path("similar/", views.item_similar, name="item_similar"),
    path("export/", views.item_export, name="item_export"),
    path("export/<int:pk>/", views.item_export_detail, name="item_export_detail"),
    path("export/<int:pk>/download/", views.item_export_download, name="item_export_download"),
    path("<int:pk>/", views.item_detail, name="item_detail"),
    path("<int:pk>/edit/", views.item_update, name="item_update"),
    path("<int:pk>/similar/", views.item_similar_items, name="item_similar_items"),
    path("<int:pk>/delete/", views.item_delete, name="item_delete"),
    path(
        "<int:pk>/files/<int:attachment_pk>/", views.attachment_download, name="attachment_download"
    ),
    path("import/", import_views.import_start, name="import_start"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("import/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("lists/", taxonomy_views.taxonomy_edit, name="taxonomy_edit"),
    path("lists/model/", taxonomy_views.language_model, name="language_model"),
    path("lists/<slug:slug>/", taxonomy_views.taxonomy_edit, name="taxonomy_edit"),
]
