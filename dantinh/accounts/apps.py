from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in and one's own account: lockout after wrong passwords, the second factor,
    password changes and resets, API tokens."""

    name = "dantinh.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from dantinh.accounts.middleware import IdleSessionMiddleware
        from dantinh.accounts.views import people_page_extras
        from dantinh.org.admin_views import register_people_page_extra

        user_logged_in.connect(IdleSessionMiddleware.on_login, dispatch_uid="dantinh-idle-session")
        register_people_page_extra(people_page_extras)
