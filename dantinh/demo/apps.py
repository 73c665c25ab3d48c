from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo province (`dantinh demo`): built from the other rooms' services; nothing in
    the product imports it."""

    name = "dantinh.demo"
    label = "demo"
    verbose_name = _("Demo")
