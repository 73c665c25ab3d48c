from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dantinh.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from dantinh.core import crypto
        from dantinh.core.models import AuditRecordKey

        crypto.register_rotation(AuditRecordKey, "wrapped_key")
