from django.conf import settings

from dantinh.org import policies


def site(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "site_name": settings.DANTINH_SITE_NAME,
        # Holds a role in a unit (or is unrestricted): the unit pages have something to show.
        # A body's contact holds none and sees only their own pages (their queue, account).
        "perms_units": signed_in
        and (policies.is_unrestricted(user) or bool(policies.grants(user))),
        "perms_admin": signed_in and policies.can_anywhere(user, "user.manage"),
        "perms_audit": signed_in and policies.can_anywhere(user, "audit.view"),
        "perms_create": signed_in and policies.can_anywhere(user, "item.create"),
        "perms_import": signed_in and policies.can_anywhere(user, "item.import"),
        "perms_media": signed_in and policies.can_anywhere(user, "media.view"),
        # the lists (taxonomies) are the whole deployment's: managed at a root unit
        # data protection (dantinh.protection): requests in a subtree, or the deployment's duties
        "perms_protection": signed_in and policies.can_anywhere(user, "protection.requests"),
        "perms_lists": signed_in and policies.holds_at_root(user, "taxonomy.manage"),
    }
