from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "dantinh.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self) -> None:
        from dantinh.core import crypto
        from dantinh.org.services import register_path_copy
        from dantinh.recommendations import contributor, notices, policy
        from dantinh.recommendations.models import (
            Body,
            BodyMonth,
            Complainant,
            FieldMonth,
            Recommendation,
        )

        policy.register()
        register_path_copy(Body, "unit_path")
        register_path_copy(Recommendation, "unit_path")
        register_path_copy(Recommendation, "owner_path")
        for rollup in (BodyMonth, FieldMonth):
            register_path_copy(rollup, "unit_path")
            register_path_copy(rollup, "owner_path")
        crypto.register_rotation(Complainant, "data")
        notices.register()
        contributor.register()
