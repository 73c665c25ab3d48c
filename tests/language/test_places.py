import pytest

from dantinh.language.places import PlaceMatcher, PlaceUnit, package_matcher, split_kind


@pytest.fixture(scope="module")
def matcher():
    return package_matcher()


def _codes(matcher, text):
    return [(m.code, m.text) for m in matcher.find(text)]


@pytest.mark.parametrize(
    "text",
    ["P. Lê Chân", "phường Lê Chân", "phuong le chan", "PHƯỜNG LÊ CHÂN", "p.Le Chan"],
)
def test_commune_with_and_without_diacritics_and_abbreviations(matcher, text):
    (match,) = matcher.find(f"Người dân {text} phản ánh")
    assert match.code == "11383"
    assert match.level == "commune"
    assert not match.ambiguous
    assert match.text == text


def test_province_with_prefix_or_capitals(matcher):
    assert _codes(matcher, "TP. Hải Phòng") == [("31", "TP. Hải Phòng")]
    assert _codes(matcher, "ở Hải Phòng") == [("31", "Hải Phòng")]
    assert _codes(matcher, "tp hai phong") == [("31", "tp hai phong")]
    assert _codes(matcher, "hai phong cua nha") == []  # lower case, no kind word: not a place
    assert _codes(matcher, "Sài Gòn") == [("79", "Sài Gòn")]


def test_old_names_map_to_todays_units(matcher):
    (province,) = matcher.find("tỉnh Hải Dương")
    assert province.code == "31" and province.via_old_name
    (district,) = matcher.find("huyện An Dương")
    assert district.via_old_name and district.level == "district"
    assert district.code == "31" and len(district.codes) > 1


def test_ambiguous_names_are_reported_not_guessed(matcher):
    (match,) = matcher.find("Người dân xã Tân Tiến bức xúc")
    assert match.ambiguous and match.code is None
    assert len(match.codes) > 1


def test_context_resolves_ambiguity(matcher):
    first, second = matcher.find("xã Tân Tiến, tỉnh Hưng Yên")
    assert first.code == "12583" and not first.ambiguous
    assert second.code == "33"
    match = matcher.find("P5 Q.Phú Nhuận")[0]
    assert match.code == "27043" and match.via_old_name


def test_restriction_to_provinces():
    restricted = package_matcher(["33"])
    (match,) = restricted.find("xã Tân Tiến")
    assert match.code == "12583"
    assert restricted.find("phường Lê Chân") == []


def test_caller_rows_add_villages_resolved_by_their_commune():
    matcher = package_matcher(["31"], copy=True)
    matcher.add_rows(
        [
            {"code": "v1", "name": "3", "kind": "thôn", "parent": "11680"},
            {"code": "v2", "name": "3", "kind": "thôn", "parent": "11383"},
            {"code": "v3", "full_name": "Thôn Đông Hòa", "parent": "11680"},
        ]
    )
    codes = [m.code for m in matcher.find("thôn 3 xã Kiến Thụy")]
    assert codes == ["v1", "11680"]
    assert matcher.find("thôn số 3")[0].ambiguous
    assert [m.code for m in matcher.find("Thôn Đông Hoà")] == ["v3"]
    assert "v1" not in package_matcher(["31"]).units  # the cached matcher is untouched


def test_tổ_chức_is_not_a_village():
    matcher = PlaceMatcher([PlaceUnit("v", "v", "Chức", "tổ", "village")])
    assert matcher.find("tổ chức họp dân") == []
    assert matcher.find("tổ Chức")[0].code == "v"


def test_codes_lists_unambiguous_units_once(matcher):
    assert matcher.codes("phường Lê Chân, TP. Hải Phòng, P. Lê Chân, xã Tân Tiến") == [
        "11383",
        "31",
    ]


def test_split_kind():
    assert split_kind("Phường Lê Chân") == ("phường", "Lê Chân")
    assert split_kind("Đặc khu Bạch Long Vĩ") == ("đặc khu", "Bạch Long Vĩ")
    assert split_kind("Yên Trạch") == ("", "Yên Trạch")
