from dantinh.language.places import PlaceMatcher


def test_numbered_villages_are_found_with_or_without_so():
    matcher = PlaceMatcher().add_rows(
        [{"code": "u1", "full_name": "Tổ dân phố số 1"}, {"code": "u2", "full_name": "Thôn 4"}]
    )
    assert matcher.codes("Hộ dân tổ dân phố số 1 phản ánh") == ["u1"]
    assert matcher.codes("to dan pho 1 va thon so 4") == ["u1", "u2"]
