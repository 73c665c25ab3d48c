import pytest

from dantinh.reporting import notify


def test_a_room_above_adds_its_own_kind_of_notification():
    notify.register_message("rec_overdue_test", lambda: "Kiến nghị “%(title)s” quá hạn %(due)s.")
    text = notify.message("rec_overdue_test", {"title": "Đường xã"})
    # A missing parameter reads as empty instead of breaking the notification list.
    assert text == "Kiến nghị “Đường xã” quá hạn ."


def test_kinds_longer_than_the_column_are_refused():
    with pytest.raises(ValueError):
        notify.register_message("x" * 21, lambda: "")
