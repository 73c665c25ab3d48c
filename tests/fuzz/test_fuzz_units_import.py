"""The unit importer (`org/importer.py`), fuzzed: any province code either loads that province
(again: changing nothing) or is refused with a Vietnamese message before anything is written;
a person who may not load units changes nothing; no unit already in the tree is lost."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.org import importer
from dantinh.org.models import Unit
from tests.fuzz.conftest import assert_vietnamese, rolled_back

pytestmark = pytest.mark.django_db

# The smallest provinces (38 to 45 communes): a real load stays quick.
SMALL = ["12", "46", "11"]
codes = st.one_of(
    st.sampled_from([*SMALL, "1", "01 ", "031", "", "99", "ab", "31\x00", "３１", "1" * 30]),
    st.text(max_size=6),
    st.integers().map(str),
)


def _tree() -> dict[int, str]:
    return dict(Unit.objects.values_list("pk", "path"))


@given(code=codes, history=st.booleans(), twice=st.booleans(), as_superuser=st.booleans())
@example(code="99", history=True, twice=False, as_superuser=True)
@example(code="12", history=True, twice=True, as_superuser=True)
def test_a_province_code_loads_the_province_or_is_refused(
    world, code, history, twice, as_superuser
):
    actor = world.superuser if as_superuser else world.admin
    with rolled_back():
        before = _tree()
        try:
            summary = importer.import_province(code, actor=actor, with_history=history)
        except (ValidationError, PermissionDeniedError) as refused:
            assert_vietnamese(refused.message)
            assert _tree() == before
            return
        assert as_superuser and code in SMALL
        after = _tree()
        assert set(before.items()) <= set(after.items())  # nothing moved, nothing lost
        assert len(after) == len(before) + summary.created
        if twice:
            again = importer.import_province(code, actor=actor, with_history=history)
            assert (again.created, again.updated) == (0, 0)
            assert _tree() == after
