from dantinh.org import policies
from dantinh.recommendations import policy


def menu(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"perms_recs": False, "perms_recs_manage": False}
    return {
        "perms_recs": policies.can_anywhere(user, policy.VIEW)
        or policy.contact_body_id(user) is not None,
        "perms_recs_manage": policies.can_anywhere(user, policy.MANAGE),
    }
