from dantinh.org import policies
from dantinh.recommendations import policy


def menu(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"perms_recs": False, "perms_recs_desk": False, "perms_recs_manage": False}
    desk = policies.can_anywhere(user, policy.VIEW)
    return {
        "perms_recs": desk or policy.contact_body_id(user) is not None,
        # the figures and the directory are the desk's (a body's contact sees their own)
        "perms_recs_desk": desk,
        "perms_recs_manage": policies.can_anywhere(user, policy.MANAGE),
    }
