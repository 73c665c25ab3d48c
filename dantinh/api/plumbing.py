"""REST plumbing shared by every endpoint: errors in one shape (the permission that denies by
default is the policy's: `dantinh.org.permissions.HasScope`)."""

from django.core.exceptions import RequestDataTooBig
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from dantinh.api.parsers import body_too_large_message
from dantinh.core.concurrency import ConflictError
from dantinh.core.errors import PermissionDeniedError, ValidationError


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):  # Django refused to read the body at all
        exc = exceptions.ParseError(body_too_large_message())
    if isinstance(exc, ConflictError):
        # someone saved the object since the caller read it: nothing was saved
        return Response(
            {"detail": str(exc.message), "version": exc.version}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, PermissionDeniedError):
        exc = exceptions.PermissionDenied(str(exc.message))
    elif isinstance(exc, ValidationError):
        exc = exceptions.ValidationError({k: [str(v)] for k, v in exc.errors.items()})
    return drf_exception_handler(exc, context)
