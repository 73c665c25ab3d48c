import datetime as dt

import pytest

from dantinh.programme import services


@pytest.fixture
def meeting_b(world):
    """A voter contact held in commune B, recorded by its reporter, two points not yet items."""
    return services.meeting_record(
        actor=world.reporter_b,
        unit=world.commune_b,
        kind="voter_contact",
        held_on=dt.date(2026, 11, 10),
        place="Nhà văn hóa thôn Đông",
        title="Tiếp xúc cử tri thôn Đông",
        groups={"voters": 45, "village_heads": 2},
        points=[
            "Cử tri đề nghị sớm sửa chữa đường liên thôn bị sụt lún",
            "Nhiều hộ lo lắng giá phân bón tăng cao ảnh hưởng vụ lúa đông xuân",
        ],
    )
