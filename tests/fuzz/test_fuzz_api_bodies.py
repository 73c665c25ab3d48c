"""API bodies and query parameters, fuzzed: the JSON parser (`api/parsers.py`), the item
serializer behind it (`intake/apis.py`) and the id reader (`core/params.py`,
`api/params.py`). Any body or parameter is either read, or refused with 400 and a Vietnamese
message; a refused create saves nothing and a refused change leaves the item as it was."""

import io
import json
import re

import pytest
from django.http import QueryDict
from hypothesis import example, given
from hypothesis import strategies as st
from rest_framework.exceptions import ParseError
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from dantinh.api.params import id_param
from dantinh.api.parsers import MAX_DEPTH, SafeJSONParser
from dantinh.core.params import MAX_ID, parse_id
from dantinh.intake.apis import ItemSerializer
from dantinh.intake.models import Item
from tests.factories import make_item
from tests.fuzz.conftest import assert_vietnamese, rolled_back, through_the_database

# JSON may spell characters no database column holds: NUL and lone surrogates.
NOT_TEXT = ["\x00", "\ud800", "\udfff", "\ud83d"]
texts = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from([*NOT_TEXT, "\U0001f600", "ệ"])),
    max_size=30,
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def _has_not_text(value) -> bool:
    if isinstance(value, dict):
        return any(_has_not_text(k) or _has_not_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_not_text(v) for v in value)
    return isinstance(value, str) and re.search("[\x00\ud800-\udfff]", value) is not None


def _depth(value) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


# --- ids in query strings ------------------------------------------------------------------

raw_ids = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(alphabet="0123456789 +-.e٣１\x00", max_size=25),
    st.text(max_size=25),
    st.none(),
    st.integers(),
    st.floats(),
)


@given(raw=raw_ids)
@example(raw="9" * 25)
@example(raw=" 42 ")
@example(raw="٣")
def test_an_id_is_a_database_id_or_none(raw):
    value = parse_id(raw)
    assert value is None or (isinstance(value, int) and 0 < value <= MAX_ID)


@given(raw=st.one_of(raw_ids.filter(lambda v: isinstance(v, str)), st.just("")))
@example(raw="-3")
def test_an_id_parameter_is_read_or_refused_with_a_message(raw):
    params = QueryDict(mutable=True)
    params["unit"] = raw
    try:
        value = id_param(params, "unit")
    except DRFValidationError as refused:
        assert_vietnamese(refused.detail["unit"][0])
        return
    assert value is None if raw.strip() in ("",) and raw == "" else value == parse_id(raw)


# --- the JSON parser -----------------------------------------------------------------------


def _parse(body: bytes):
    return SafeJSONParser().parse(io.BytesIO(body), "application/json", {"encoding": "utf-8"})


bodies = st.one_of(
    json_values.map(lambda v: json.dumps(v).encode()),
    json_values.map(lambda v: json.dumps(v, ensure_ascii=False).encode()),
    st.binary(max_size=200),
    st.text(alphabet='[]{}",:\\ 0123456789eE.-tfnulNaI', max_size=200).map(str.encode),
    st.integers(min_value=0, max_value=200).map(lambda n: b"[" * n + b"]" * n),
)


@given(body=bodies)
@example(body=b"[" * 50_000 + b"]" * 50_000)
@example(body=b"NaN")
@example(body=b'"\\ud800"')
@example(body=b"1" * 5000)
def test_a_body_is_json_or_refused_with_a_message(body):
    try:
        value = _parse(body)
    except ParseError as refused:
        assert_vietnamese(refused.detail)
        return
    assert _depth(value) <= MAX_DEPTH
    assert not _has_not_text(value)
    assert value == json.loads(body)


@given(value=json_values)
@example(value={"text": "Người dân \U0001f600"})
@example(value={"text": "\ud800"})
@example(value={"k\x00": 1})
def test_json_within_the_limits_reads_back_as_sent(value):
    body = json.dumps(value).encode()
    if _has_not_text(value):
        with pytest.raises(ParseError):
            _parse(body)
    else:
        assert _parse(body) == value


# --- item bodies through the API ------------------------------------------------------------

GOOD = {
    "observed_on": "2026-11-10",
    "kind": "kien_nghi",
    "field": "moi_truong",
    "channel": "to_cong_tac",
    "text": "Người dân phản ánh rác thải ven sông",
}
FIELDS = [*ItemSerializer.Meta.fields, "reporting_unit"]
plausible = {
    "observed_on": st.one_of(
        st.dates().map(str), st.dates().map(lambda d: d.strftime("%d/%m/%Y")), json_values
    ),
    "kind": st.sampled_from(["kien_nghi", "tam_trang", "x", ""]),
    "field": st.sampled_from(["moi_truong", "giao_thong_ha_tang", "khac", "nope"]),
    "secondary_fields": st.one_of(
        st.lists(st.sampled_from(["moi_truong", "khac", "?"])), json_values
    ),
    "mood": st.sampled_from([None, "buc_xuc", "lo_lang", "?"]),
    "scale": st.one_of(st.integers(), st.floats(), st.text(max_size=15)),
    "source_url": st.one_of(st.text(max_size=40), st.just("https://baodientu.vn/bai\x00")),
    "version": st.one_of(st.integers(), json_values),
}


@st.composite
def item_bodies(draw, unit_ids):
    body = dict(GOOD, unit=draw(st.sampled_from(unit_ids)))
    for key in draw(st.lists(st.sampled_from(FIELDS), max_size=5, unique=True)):
        strategy = plausible.get(key, json_values)
        if draw(st.booleans()):
            body.pop(key, None)
        else:
            body[key] = draw(st.one_of(strategy, json_values))
    return body


def _messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for v in detail.values() for m in _messages(v)]
    if isinstance(detail, list):
        return [m for v in detail for m in _messages(v)]
    return [str(detail)]


def _snapshot(item: Item) -> dict:
    item.refresh_from_db()
    return {
        "text": item.text,
        "version": item.version,
        "unit": item.unit_id,
        "scale": item.scale,
        "fields": sorted(item.secondary_fields.values_list("pk", flat=True)),
    }


@pytest.mark.django_db
@given(data=st.data())
def test_the_item_serializer_reads_a_body_or_refuses_it_with_messages(world, data):
    """The serializer alone (10,000 bodies under `make fuzz`): valid, or errors in Vietnamese."""
    request = Request(APIRequestFactory().post("/api/v1/items/"))
    request.user = world.compiler_a
    body = data.draw(item_bodies([world.village_a1.pk, world.commune_b.pk, 0, 2**64]))
    serializer = ItemSerializer(data=body, context={"request": request})
    if serializer.is_valid():
        assert serializer.validated_data["unit"] == world.village_a1
    else:
        for message in _messages(serializer.errors):
            assert_vietnamese(message)


@pytest.mark.django_db
@through_the_database
@given(data=st.data())
def test_an_item_body_is_saved_whole_or_refused_with_a_message(api, world, data):
    units = [world.commune_a.pk, world.village_a1.pk, world.commune_b.pk, 0, 2**64]
    body = data.draw(item_bodies(units))
    with rolled_back():
        before = Item.objects.count()
        response = api.post("/api/v1/items/", json.dumps(body), content_type="application/json")
        assert response.status_code in (201, 400), response.content
        if response.status_code == 400:
            for message in _messages(response.json()):
                assert_vietnamese(message)
            assert Item.objects.count() == before
        else:
            assert Item.objects.count() == before + 1


@pytest.mark.django_db
@through_the_database
@given(data=st.data())
def test_a_refused_change_leaves_the_item_as_it_was(api, world, data):
    body = data.draw(item_bodies([world.village_a1.pk, world.commune_b.pk, -1]))
    method = data.draw(st.sampled_from(["put", "patch"]))
    with rolled_back():
        item = make_item(world.compiler_a, world.village_a1, "Tin đã lưu trước đó")
        before = _snapshot(item)
        response = getattr(api, method)(
            f"/api/v1/items/{item.pk}/", json.dumps(body), content_type="application/json"
        )
        assert response.status_code in (200, 400, 409), response.content
        if response.status_code == 409:  # someone saved since: the body's version is older
            assert_vietnamese(response.json()["detail"])
            assert _snapshot(item) == before
        elif response.status_code == 400:
            for message in _messages(response.json()):
                assert_vietnamese(message)
            assert _snapshot(item) == before
