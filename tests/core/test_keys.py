"""The data keys: malformed or weak keys are refused at start; a rotation re-encrypts
everything under the newest key and the old key can then be dropped."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from dantinh.config.keys import parse_data_keys
from dantinh.core import audit, crypto
from dantinh.core.models import AuditEntry
from tests.factories import make_item

GOOD = Fernet.generate_key().decode()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("", "holds no key"),
        ("eA==", "bytes instead of 32"),
        ("not base64 at all!!", "base64"),
        ("A" * 43 + "=", "not random"),  # 32 zero bytes
        (f"{GOOD},{GOOD}", "twice"),
        (f"{GOOD},short", "key 2"),
    ],
    # GOOD is new on every run: ids that do not print it keep the tests' names the same in
    # every process (pytest-xdist's workers must collect the same names)
    ids=["empty", "one byte", "not base64", "zero bytes", "a key twice", "a short second key"],
)
def test_malformed_or_weak_keys_are_refused(value, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        parse_data_keys(value)


def test_a_refusal_never_prints_the_key():
    weak = "B" * 43 + "="
    with pytest.raises(ImproperlyConfigured) as caught:
        parse_data_keys(f"{GOOD},{weak}")
    assert GOOD not in str(caught.value) and weak not in str(caught.value)


def test_good_keys_are_kept_newest_first():
    other = Fernet.generate_key().decode()
    assert parse_data_keys(f" {GOOD} , {other} ") == [GOOD, other]


def test_rotation_moves_everything_under_the_new_key_and_the_old_one_can_go(world, settings):
    old = settings.DATA_KEYS[0]
    make_item(world.compiler_a, world.village_a1, "Dân phản ánh đèn đường hỏng ở tổ 1")
    before = audit.values_of(AuditEntry.objects.filter(object_type="intake.item"))
    new = Fernet.generate_key().decode()
    settings.DATA_KEYS = [new, old]
    share = crypto.newest_key_share()["core.auditrecordkey.wrapped_key"]
    assert share[0] == 0 and share[1] > 0

    done = crypto.rotate(batch=2)

    assert done["core.auditrecordkey.wrapped_key"] == share[1]
    assert crypto.newest_key_share()["core.auditrecordkey.wrapped_key"] == (share[1], share[1])
    settings.DATA_KEYS = [new]  # the old key is dropped
    after = audit.values_of(AuditEntry.objects.filter(object_type="intake.item"))
    assert {k: v.repr for k, v in after.items()} == {k: v.repr for k, v in before.items()}
    assert any("đèn đường" in v.repr for v in after.values())
