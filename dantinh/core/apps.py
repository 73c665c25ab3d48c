from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_database_objects(sender, using="default", **kwargs):
    """The search index and the default taxonomies (created if missing, never overwritten).
    The audit trail's triggers are created by core's migrations."""
    from django.db import connections

    from dantinh.intake import defaults, search

    connection = connections[using]
    search.ensure_index(connection)
    defaults.seed()


class CoreConfig(AppConfig):
    name = "dantinh.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from dantinh.core import crypto
        from dantinh.core.models import AuditRecordKey

        crypto.register_rotation(AuditRecordKey, "wrapped_key")
        post_migrate.connect(
            _ensure_database_objects, sender=self, dispatch_uid="dantinh-db-objects"
        )
