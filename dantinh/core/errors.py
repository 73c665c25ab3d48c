"""Errors raised by services; views and the API turn them into pages and responses."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    default_message = _("The request could not be carried out.")

    def __init__(self, message=None):
        super().__init__(message or self.default_message)
        self.message = message or self.default_message


class PermissionDeniedError(DomainError):
    default_message = _("You do not have permission to do this.")


class ValidationError(DomainError):
    """Invalid input; `errors` maps a field name to its message."""

    default_message = _("Some values are not valid.")

    def __init__(self, errors: dict | str):
        if isinstance(errors, str):
            errors = {"__all__": errors}
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def add_to_form(form, error: ValidationError) -> None:
    """Show a service's ValidationError on a form: under its field when the form has it."""
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)
