from django.urls import path

from dantinh.media import views

app_name = "media"
urlpatterns = [
    path("", views.story_list, name="story_list"),
    path("stories/<int:pk>/", views.story_detail, name="story_detail"),
    path("stories/<int:pk>/promote/", views.story_promote, name="story_promote"),
    path("stories/<int:pk>/case/", views.story_case, name="story_case"),
    path("posts/", views.post_list, name="post_list"),
    path("posts/<int:pk>/promote/", views.post_promote, name="post_promote"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/new/", views.source_create, name="source_create"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("sources/<int:pk>/upload/", views.source_upload, name="source_upload"),
    path("sources/<int:pk>/poll/", views.source_poll, name="source_poll"),
    path("sources/<int:pk>/delete/", views.source_delete, name="source_delete"),
    path("mappings/", views.mapping_list, name="mapping_list"),
    path("mappings/new/", views.mapping_edit, name="mapping_create"),
    path("mappings/<int:pk>/", views.mapping_edit, name="mapping_edit"),
]
