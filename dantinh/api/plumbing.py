"""REST plumbing shared by every endpoint: deny by default, errors in one shape."""

from rest_framework import exceptions, permissions
from rest_framework.views import exception_handler as drf_exception_handler

from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.org import policies


def exception_handler(exc, context):
    if isinstance(exc, PermissionDeniedError):
        exc = exceptions.PermissionDenied(str(exc.message))
    elif isinstance(exc, ValidationError):
        exc = exceptions.ValidationError({k: [str(v)] for k, v in exc.errors.items()})
    return drf_exception_handler(exc, context)


class HasScope(permissions.BasePermission):
    """Authenticated and holding at least one grant; rows are then filtered by the policy."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and (policies.grants(user) or user.is_superuser))
