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


# --- names without a kind word ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Người dân Lê Chân phản ánh đường ngập", "Lê Chân", "11383"),
        ("Tại Kiến Thụy, bà con lo lắng giá phân bón", "Kiến Thụy", "11680"),
        ("Cử tri An Hưng kiến nghị sửa đường", "An Hưng", "11674"),
        ("Lê Chân có 5 kiến nghị", "Lê Chân", "11383"),  # sentence start: the run is the name
        ("Theo báo cáo của UBND Lê Chân, có 3 vụ việc", "Lê Chân", "11383"),  # acronym before
        ("Nguoi dan Le Chan phan anh", "Le Chan", "11383"),  # no diacritics, but capitals
        ("Bà con Hồng Bàng, Ngô Quyền và Lê Chân đồng tình", "Lê Chân", "11383"),
    ],
)
def test_bare_commune_names(matcher, text, name, code):
    match = next(m for m in matcher.find(text) if m.text == name)
    assert match.code == code and match.level == "commune"
    assert match.bare and not match.ambiguous
    (with_kind,) = matcher.find(match.name)  # "phường Lê Chân", "xã Kiến Thụy"
    assert with_kind.code == code and match.score < with_kind.score  # weaker evidence
    assert code in matcher.codes(text)


def test_bare_commune_needs_capitals(matcher):
    """Lower case without diacritics gives no capitals to go by: no bare commune (a province
    too needs its capitals; a kind word, "phuong le chan", is recognised as before)."""
    assert matcher.find("nguoi dan le chan phan anh") == []
    assert matcher.codes("nguoi dan phuong le chan phan anh") == ["11383"]


@pytest.mark.parametrize("provinces", [["31"], None])
@pytest.mark.parametrize(
    "text",
    [
        "Nguyễn Văn An phản ánh đường xuống cấp",  # "Văn An": a former ward of Hải Phòng
        "Ông Nguyễn Văn An phản ánh đường xuống cấp",
        "Hộ ông Trần Văn An có đơn",
        "ông Văn An phản ánh",  # a given name after a title
        "Đồng chí Văn An trực tiếp đối thoại",
        "Trần Lê Chân Hưng phản ánh",  # "Lê Chân" inside a longer capitalised run
        "Ông Lê Chân phản ánh",
    ],
)
def test_people_are_not_bare_communes(text, provinces):
    assert package_matcher(provinces).find(text) == []


def test_the_same_names_alone_are_communes(matcher):
    assert matcher.codes("Người dân Văn An phản ánh") == ["10549"]
    assert matcher.codes("Người dân Lê Chân phản ánh") == ["11383"]


@pytest.mark.parametrize(
    "text",
    [
        "Người dân phản ánh đường Lê Chân ngập úng",  # a street
        "Trường THCS Trần Phú thiếu giáo viên",
        "Học sinh trường chuyên Trần Phú phấn khởi",
        "Công ty TNHH Vật liệu mới Bình Minh nợ lương",  # a company, words after its noun
        "Tại khu chung cư cũ Cát Bi, một mảng tường bong tróc",
        "thôn Tân Thành có 30 hộ nghèo",  # a village, not the commune of that name
        "Hội Phụ nữ phối hợp tổ chức tập huấn",  # a body, not the commune "Hội Phụ"
        "Nhân dân quan tâm tình hình Biển Đông",  # a sea
        "Giáo dân xứ An Lạc tự ý xây tường rào",  # a parish
    ],
)
def test_things_named_like_communes_are_not_bare_communes(matcher, text):
    assert [m for m in matcher.find(text) if m.bare and m.level == "commune"] == []


def test_bare_names_several_communes_share_are_ambiguous_unless_context(matcher):
    (match,) = matcher.find("Người dân Tân Tiến phản ánh")
    assert match.bare and match.ambiguous and match.code is None and len(match.codes) > 1
    first, _province = matcher.find("Người dân Tân Tiến, tỉnh Hưng Yên phản ánh")
    assert first.code == "12583" and first.bare and not first.ambiguous
    assert package_matcher(["33"]).codes("Cử tri Tân Tiến kiến nghị") == ["12583"]


def test_bare_former_commune_maps_to_todays_unit():
    for matcher in (package_matcher(), package_matcher(["31"])):
        (match,) = matcher.find("Người dân Cát Bi phản ánh")  # a ward merged in 2025
        assert match.code == "11413" and match.via_old_name and match.bare


def test_a_province_name_stays_the_province(matcher):
    assert _codes(matcher, "Tại Hải Phòng, bà con phấn khởi") == [("31", "Hải Phòng")]
    (ward,) = matcher.find("Người dân Điện Biên Phủ phản ánh")  # longer than "Điện Biên"
    assert ward.level == "commune" and ward.text == "Điện Biên Phủ"


def test_villages_are_never_bare():
    matcher = package_matcher(["31"], copy=True)
    matcher.add_rows([{"code": "v1", "full_name": "Thôn Gạch Ngói", "parent": "11680"}])
    assert matcher.codes("thôn Gạch Ngói") == ["v1"]
    assert matcher.find("Người dân Gạch Ngói phản ánh") == []


def test_a_word_that_only_folds_to_a_kind_word_is_not_one():
    """ "Phượng" and "quân" fold to "phuong" and "quan" but are not "phường" and "quận"."""
    matcher = package_matcher(["31"])
    found = matcher.find("Bà con thôn Phượng Hoàng, xã Kiến Thụy phản ánh")
    assert [m.text for m in found if m.code] == ["xã Kiến Thụy"]
    assert matcher.find("phuong le chan") and matcher.find("P. Lê Chân")  # still kind words


def test_a_province_name_that_names_something_else_is_not_the_province():
    matcher = package_matcher()
    assert not [m for m in matcher.find("Học tập và làm theo tư tưởng Hồ Chí Minh") if m.code]
    assert not [m for m in matcher.find("Tổ dân phố Hòa Bình họp bàn") if m.level == "province"]
    assert [m.code for m in matcher.find("Sinh viên về TP. Hồ Chí Minh làm việc")] == ["79"]
    assert [m.code for m in matcher.find("Nhiều lao động ở Hòa Bình về Hải Phòng")][-1] == "31"
