"""The policy as the REST API's permission: deny by default."""

from rest_framework import permissions

from dantinh.org import policies


class HasScope(permissions.BasePermission):
    """Authenticated and holding at least one grant; rows are then filtered by the policy."""

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and (policies.grants(user) or policies.is_unrestricted(user))
        )
