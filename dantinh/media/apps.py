from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "dantinh.media"
    label = "media"
    verbose_name = _("Media monitor")

    def ready(self) -> None:
        from dantinh.media import policy, surge
        from dantinh.media.models import Post, Source, Story
        from dantinh.org.services import register_path_copy

        policy.register()
        surge.register()
        for model in (Source, Post, Story):
            register_path_copy(model, "unit_path")
