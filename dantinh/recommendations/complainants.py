"""Complainants' data (SPEC §11): optional, stored apart from the recommendation, encrypted
under the deployment's data keys (rotated with `dantinh keys rotate`), shown only to those
who must act on it, and every reading recorded in the audit trail — with no value of it in
the trail, a notification, a list, an export or a report.

`lookup` holds keyed hashes (HMAC under the deployment's secret) of the folded name, the
phone's digits and the id number, so that a data subject's request finds their rows
without decrypting every row.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.crypto import data_cipher
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.language.normalize import search_text
from dantinh.org.actors import require_actor
from dantinh.org.models import User
from dantinh.recommendations import policy
from dantinh.recommendations.models import Complainant, Recommendation

FIELDS = ("name", "phone", "id_number", "address")
LIMITS = {"name": 150, "phone": 30, "id_number": 20, "address": 255}
_SALT = "dantinh.recommendations.complainant"


@dataclass(frozen=True)
class Identity:
    name: str = ""
    phone: str = ""
    id_number: str = ""
    address: str = ""

    def is_empty(self) -> bool:
        return not any((self.name, self.phone, self.id_number, self.address))


def _token(kind: str, value: str) -> str:
    return f"{kind}{salted_hmac(_SALT, f'{kind}:{value}').hexdigest()[:24]}"


def _normal(kind: str, value: str) -> str:
    if kind == "p":
        digits = re.sub(r"\D", "", value or "")
        return "0" + digits[2:] if digits.startswith("84") else digits
    if kind == "i":
        return re.sub(r"\s", "", value or "").upper()
    return search_text(value or "")


def lookup_tokens(*, name: str = "", phone: str = "", id_number: str = "") -> list[str]:
    tokens = []
    for kind, value in (("n", name), ("p", phone), ("i", id_number)):
        normal = _normal(kind, value)
        if normal:
            tokens.append(_token(kind, normal))
    return tokens


def _encrypt(identity: Identity) -> bytes:
    plain = json.dumps({f: getattr(identity, f) for f in FIELDS}, ensure_ascii=False)
    return data_cipher().encrypt(plain.encode("utf-8"))


def decrypt(row: Complainant) -> Identity:
    values = json.loads(data_cipher().decrypt(bytes(row.data)).decode("utf-8"))
    return Identity(**{f: values.get(f, "") for f in FIELDS})


def _clean(**values: str) -> Identity:
    errors = {}
    cleaned = {}
    for name in FIELDS:
        value = " ".join(str(values.get(name) or "").split())
        if len(value) > LIMITS[name]:
            errors[name] = _("At most %(n)s characters, please.") % {"n": LIMITS[name]}
        cleaned[name] = value
    if cleaned["phone"] and not re.fullmatch(r"[+\d][\d .()-]{5,}", cleaned["phone"]):
        errors["phone"] = _("Enter a phone number (digits, spaces, +).")
    if errors:
        raise ValidationError(errors)
    return Identity(**cleaned)


@transaction.atomic
def complainant_set(
    *, actor: User, rec: Recommendation, name="", phone="", id_number="", address=""
) -> Complainant | None:
    """Record (or replace, or with all values empty remove) who complained. Needs the right
    to read it ("rec.personal" at the desk, or the routed body's contact). The trail records
    that it changed, never its values."""
    require_actor(actor)
    if not policy.can_read_personal(actor, rec):
        raise PermissionDeniedError()
    identity = _clean(name=name, phone=phone, id_number=id_number, address=address)
    row = Complainant.objects.filter(recommendation=rec).first()
    if identity.is_empty():
        if row is not None:
            audit.record(
                actor=actor,
                action=audit.Action.DELETE,
                obj=row,
                object_repr=f"complainant of #{rec.pk}",
                unit_path=rec.unit_path,
            )
            audit.erase_object(actor=actor, obj=row)
            row.delete()
        return None
    data = _encrypt(identity)
    lookup = " ".join(
        lookup_tokens(name=identity.name, phone=identity.phone, id_number=identity.id_number)
    )
    created = row is None
    if row is None:
        row = Complainant.objects.create(recommendation=rec, data=data, lookup=lookup)
    else:
        row.data, row.lookup = data, lookup
        row.save(update_fields=["data", "lookup", "updated_at"])
    audit.record(
        actor=actor,
        action=audit.Action.CREATE if created else audit.Action.UPDATE,
        obj=row,
        object_repr=f"complainant of #{rec.pk}",
        unit_path=rec.unit_path,
    )
    return row


def complainant_read(*, user, rec: Recommendation) -> Identity | None:
    """Who complained, for someone who must act on it; the reading is recorded. Raises
    PermissionDeniedError for anyone else (a page shows nothing rather than this)."""
    require_actor(user)
    if not policy.can_read_personal(user, rec):
        raise PermissionDeniedError()
    row = Complainant.objects.filter(recommendation=rec).first()
    if row is None:
        return None
    audit.record(
        actor=user,
        action=audit.Action.READ_PERSONAL,
        obj=row,
        object_repr=f"complainant of #{rec.pk}",
        unit_path=rec.unit_path,
    )
    return decrypt(row)
