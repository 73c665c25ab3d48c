"""Vietnamese item texts for the country-scale benchmark, written for the project.

A text is assembled from a channel opener, a subject, a mood and a topic of the item's field,
then details (numbers, places, invented project and company names), a request, the action
taken, and now and then a sentence on a rarer matter. The parts are chosen so that search
selectivity looks like a real commission's: "dân" is in most items, "đất" in about a quarter,
"giải phóng mặt bằng" in a few percent, and many words are rare (place and project names,
numbers, specific incidents).
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field

# Syllables of invented names (projects, companies, markets, pagodas, parishes, villages).
NAME_SYLLABLES = """An Bình Cát Châu Chánh Cường Đại Đông Đức Gia Giang Hà Hải Hạnh Hòa Hồng Hưng
Hương Khánh Kim Lạc Lâm Lập Liên Linh Long Lộc Lợi Mai Minh Mỹ Nam Nghĩa Ngọc Nhân Phong Phú Phúc
Phước Quang Quý Sơn Tân Thạnh Thành Thắng Thịnh Thọ Thuận Thủy Tiến Toàn Trung Trường Tuấn Văn
Việt Vinh Vĩnh Xuân Yên Bắc Tây Thượng Hạ Cẩm Quế Đào Liễu Sen Bàu Suối Cầu Bến Chợ Rạch Vàm Nà
Pác Khuổi Nậm Huổi Bản Đồng Tràng Hoàng Kỳ Lương Mậu Ninh Quảng Sa Tường Uyên Vạn Diên Điền Hiệp
Khê Lai Mộc Nguyên Phương Quỳnh Sáu Tam Tứ Ngũ Thái Triều Vân Yến Bảo Cao Dương Đoài Hậu Hiền
Hoa Kiều Lãm Mạc Nhuận Ô Quán Thạch Tĩnh Trà Tùng Uông Vũ Xá""".split()
ETHNIC = [
    "Tày",
    "Thái",
    "Mường",
    "Khmer",
    "Hoa",
    "Nùng",
    "Mông",
    "Dao",
    "Gia Rai",
    "Ê Đê",
    "Ba Na",
    "Xơ Đăng",
    "Sán Chay",
    "Cơ Ho",
    "Chăm",
    "Sán Dìu",
    "Hrê",
    "Ra Glai",
    "Mnông",
    "Thổ",
    "Xtiêng",
    "Khơ Mú",
    "Bru - Vân Kiều",
    "Cơ Tu",
    "Giáy",
    "Tà Ôi",
    "Mạ",
    "Giẻ Triêng",
    "Co",
    "Chơ Ro",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "La Chí",
    "Kháng",
    "Phù Lá",
]
MOUNTAIN_PROVINCES = {"04", "08", "11", "12", "14", "15", "19", "20", "24"}
HIGHLAND_PROVINCES = {"64", "66", "68"}


@dataclass
class Place:
    """What a text may say about where it happens."""

    province: str
    province_code: str
    commune: str
    commune_type: str  # Xã, Phường, Đặc khu
    villages: list[str]
    projects: list[str] = field(default_factory=list)
    company: str = ""
    market: str = ""
    river: str = ""


def proper_name(rng: random.Random, syllables: int = 2) -> str:
    return " ".join(rng.choice(NAME_SYLLABLES) for _ in range(syllables))


def village_names(
    rng: random.Random, *, province_code: str, commune_type: str, n: int
) -> list[str]:
    """Villages (thôn, bản, ấp, buôn) of a commune, or residential groups of a ward."""
    south = province_code >= "70" or province_code in {"66", "68"}
    if commune_type == "Phường":
        prefix = "Khu phố" if south else "Tổ dân phố"
        if rng.random() < 0.6:
            return [f"{prefix} {i}" for i in range(1, n + 1)]
        return [
            f"{prefix} {proper_name(rng)}" if rng.random() < 0.5 else f"{prefix} số {i}"
            for i in range(1, n + 1)
        ]
    if province_code in MOUNTAIN_PROVINCES:
        prefix = "Bản" if rng.random() < 0.6 else "Thôn"
    elif province_code in HIGHLAND_PROVINCES:
        prefix = "Buôn" if rng.random() < 0.4 else "Thôn"
    elif south:
        prefix = "Ấp"
    else:
        prefix = "Thôn"
    names, seen = [], set()
    while len(names) < n:
        if rng.random() < 0.25:
            name = f"{prefix} {len(names) + 1}"
        else:
            name = f"{prefix} {proper_name(rng, rng.choice((1, 2, 2, 2)))}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def place_extras(rng: random.Random, place: Place) -> None:
    """Give a commune its own projects, company, market and river, talked about again and again."""
    kinds = [
        "dự án khu đô thị mới {}",
        "dự án đường vành đai {}",
        "dự án cụm công nghiệp {}",
        "dự án mở rộng Quốc lộ {}",
        "dự án khu dân cư {}",
        "dự án nâng cấp đê {}",
        "dự án hồ chứa nước {}",
        "dự án trường liên cấp {}",
        "dự án khu tái định cư {}",
        "dự án cao tốc đoạn qua {}",
        "dự án kè chống sạt lở {}",
        "dự án khu du lịch sinh thái {}",
    ]
    place.projects = []
    for _ in range(rng.choice((1, 2, 2, 3))):
        template = rng.choice(kinds)
        arg = str(rng.randint(1, 80)) if "Quốc lộ" in template else proper_name(rng)
        place.projects.append(template.format(arg))
    place.company = f"Công ty {rng.choice(['TNHH', 'cổ phần', 'TNHH MTV'])} {proper_name(rng)}"
    place.market = f"chợ {proper_name(rng, 1)} {rng.choice(NAME_SYLLABLES)}"
    place.river = f"sông {proper_name(rng, 1)}"


# --- the parts of a text ------------------------------------------------------------------

OPENERS = {
    "doi_thoai_tiep_xuc": [
        "Qua tiếp xúc cử tri tại {where}, ",
        "Tại buổi đối thoại với Nhân dân {where}, ",
        "Tại hội nghị tiếp xúc cử tri trước kỳ họp, ",
        "Qua đối thoại trực tiếp, ",
    ],
    "phoi_hop_dan_van": [
        "Qua phối hợp triển khai công tác dân vận, ",
        "Qua thực hiện quy chế dân chủ ở cơ sở, ",
        "Trong quá trình vận động Nhân dân, ",
        "",
    ],
    "hoi_nghi_kiem_tra_khao_sat": [
        "Qua khảo sát tình hình tư tưởng Nhân dân, ",
        "Tại hội nghị giao ban dân vận, ",
        "Qua kiểm tra, giám sát tại cơ sở, ",
        "Kết quả điều tra xã hội học cho thấy ",
    ],
    "cot_can_uy_tin": [
        "Theo phản ánh của người có uy tín ở {where}, ",
        "Qua đội ngũ cốt cán, ",
        "Trưởng {where} cho biết ",
        "Qua nắm tình hình từ đảng viên, hội viên, ",
        "",
        "",
    ],
    "to_cong_tac": [
        "Tổ công tác xuống cơ sở nắm bắt được ",
        "Qua đi cơ sở, tổ dân vận {where} ghi nhận ",
        "Tổ công tác của Ban Dân vận nắm được ",
    ],
    "van_ban_bao_cao": [
        "Theo báo cáo của Ủy ban MTTQ {commune_full}, ",
        "Theo báo cáo của Công an {commune_full}, ",
        "Theo báo cáo của Hội Nông dân, ",
        "Theo báo cáo của Hội Liên hiệp Phụ nữ, ",
        "Văn bản của Ủy ban nhân dân {commune_full} nêu ",
    ],
    "bao_chi_mang_xa_hoi": [
        "Trên mạng xã hội xuất hiện thông tin ",
        "Một số trang mạng xã hội đăng tải nội dung ",
        "Báo điện tử phản ánh ",
        "Trên nhóm Zalo của cư dân, ",
        "Một tài khoản Facebook chia sẻ ",
    ],
    "du_luan_xa_hoi": [
        "Dư luận trong Nhân dân cho rằng ",
        "Trong Nhân dân có ý kiến ",
        "Dư luận xã hội tại {where} quan tâm đến việc ",
        "Nhiều người dân bàn tán về việc ",
    ],
}

SUBJECTS = [
    "nhiều hộ dân",
    "một số hộ dân",
    "người dân",
    "bà con",
    "Nhân dân {village}",
    "nhiều cử tri",
    "một số cử tri",
    "các hộ gia đình ở {village}",
    "cán bộ, đảng viên và Nhân dân",
    "hội viên phụ nữ",
    "hội viên nông dân",
    "đoàn viên thanh niên",
    "cựu chiến binh",
    "người cao tuổi",
    "tiểu thương {market}",
    "phụ huynh học sinh",
    "công nhân {company}",
    "người lao động",
    "đồng bào dân tộc {ethnic}",
    "giáo dân giáo xứ {name}",
    "tăng ni, phật tử chùa {name}",
    "các hộ kinh doanh",
    "ngư dân",
    "bà con nông dân",
    "người dân {village}",
]

MOOD_WORDS = {
    "vui_mung": ["vui mừng vì", "rất vui mừng khi thấy"],
    "phan_khoi": ["phấn khởi trước", "phấn khởi, phấn đấu hưởng ứng"],
    "dong_tinh": ["đồng tình, ủng hộ", "đồng tình với chủ trương"],
    "tin_tuong": ["tin tưởng vào sự lãnh đạo của cấp ủy, chính quyền trong", "tin tưởng về"],
    "mong_muon": ["mong muốn", "mong", "kiến nghị, mong"],
    "ban_khoan": ["băn khoăn về", "còn băn khoăn trước"],
    "lo_lang": ["lo lắng về", "lo ngại trước"],
    "buc_xuc": ["bức xúc về", "rất bức xúc trước", "bức xúc, có ý kiến gay gắt về"],
    "": ["phản ánh", "quan tâm đến", "trao đổi về", "nêu ý kiến về"],
}

# Per field: problems (for negative moods), good news (positive), wishes (mong muốn).
# An entry is a phrase or (phrase, weight); weights below 1 make rarer words.
TOPICS: dict[str, dict[str, list]] = {
    "dat_dai": {
        "bad": [
            "tiến độ giải phóng mặt bằng {project} kéo dài",
            "đơn giá bồi thường, hỗ trợ khi giải phóng mặt bằng {project} thấp hơn giá thị trường",
            "việc thu hồi đất để thực hiện {project} chưa công khai phương án",
            "việc cấp giấy chứng nhận quyền sử dụng đất chậm",
            "tranh chấp ranh giới đất giữa các hộ ở {village}",
            "tình trạng lấn chiếm đất công ven {river}",
            "việc chậm bố trí tái định cư cho các hộ bị thu hồi đất",
            "bảng giá đất mới làm tăng tiền sử dụng đất",
            "việc xác định nguồn gốc đất của các hộ bị ảnh hưởng bởi {project}",
            "một số hộ chưa nhận tiền đền bù giải phóng mặt bằng",
            ("tình trạng chuyển nhượng đất nông nghiệp trái phép, phân lô bán nền", 0.6),
            ("sổ đỏ giả được rao bán trên mạng", 0.05),
            ("việc cưỡng chế thu hồi đất", 0.5),
            ("tình trạng sốt đất ảo", 0.3),
        ],
        "good": [
            "việc chi trả tiền bồi thường giải phóng mặt bằng {project} công khai, đúng quy định",
            "việc cấp đổi giấy chứng nhận quyền sử dụng đất được rút ngắn thời gian",
            "khu tái định cư của {project} đã hoàn thành hạ tầng",
            "chủ trương đo đạc, chỉnh lý bản đồ địa chính",
        ],
        "want": [
            "sớm được nhận tiền bồi thường, hỗ trợ giải phóng mặt bằng",
            "được cấp giấy chứng nhận quyền sử dụng đất",
            "được bố trí tái định cư tại chỗ",
            "được công khai quy hoạch sử dụng đất",
            "được giải quyết dứt điểm tranh chấp đất đai",
        ],
    },
    "moi_truong": {
        "bad": [
            "ô nhiễm mùi hôi từ trang trại chăn nuôi lợn ở {village}",
            "rác thải sinh hoạt không được thu gom kịp thời",
            "khói bụi từ nhà máy của {company}",
            "nước thải chưa qua xử lý xả ra {river}",
            "tiếng ồn từ các quán karaoke hoạt động khuya",
            "bãi rác tạm gây ô nhiễm",
            "tình trạng đốt rơm rạ sau thu hoạch",
            ("hiện tượng cá chết hàng loạt trên {river}", 0.1),
            ("khai thác cát trái phép trên {river}", 0.4),
            ("sạt lở bờ {river} đe dọa nhà dân", 0.5),
            ("xâm nhập mặn ảnh hưởng nước sinh hoạt", 0.4),
            ("bụi mịn vượt ngưỡng", 0.2),
        ],
        "good": [
            "phong trào phân loại rác tại nguồn",
            "tuyến kênh ở {village} được nạo vét sạch sẽ",
            "mô hình con đường hoa, con đường xanh",
        ],
        "want": [
            "có điểm tập kết rác thải hợp vệ sinh",
            "cơ quan chức năng kiểm tra, xử lý cơ sở gây ô nhiễm",
            "được dùng nước sạch",
        ],
    },
    "y_te": {
        "bad": [
            "tình trạng quá tải tại bệnh viện tuyến tỉnh",
            "thiếu thuốc bảo hiểm y tế tại trạm y tế xã",
            "thái độ phục vụ của một số nhân viên y tế",
            ("dịch sốt xuất huyết có chiều hướng gia tăng", 0.5),
            ("vụ ngộ độc thực phẩm tại bếp ăn tập thể", 0.3),
            ("ngộ độc nấm rừng", 0.05),
            "giá dịch vụ khám chữa bệnh tăng",
            ("thực phẩm bẩn, không rõ nguồn gốc bày bán tại {market}", 0.6),
            ("bệnh dại do chó thả rông", 0.15),
        ],
        "good": [
            "việc khám sức khỏe miễn phí cho người cao tuổi",
            "trạm y tế được đầu tư trang thiết bị",
            "chiến dịch tiêm chủng mở rộng",
        ],
        "want": [
            "được cấp thẻ bảo hiểm y tế",
            "trạm y tế có bác sĩ thường trực",
            "được khám chữa bệnh thuận tiện hơn",
        ],
    },
    "giao_duc": {
        "bad": [
            "các khoản thu đầu năm học",
            "tình trạng dạy thêm, học thêm",
            "thiếu phòng học tại trường {name}",
            "thiếu giáo viên tiếng Anh, tin học",
            ("bạo lực học đường", 0.3),
            "sĩ số lớp học quá đông",
            ("phương án tuyển sinh vào lớp 10", 0.7),
        ],
        "good": [
            "việc miễn học phí cho học sinh",
            "trường {name} đạt chuẩn quốc gia",
            "bữa ăn bán trú cho học sinh vùng khó khăn",
        ],
        "want": [
            "xây thêm phòng học",
            "bố trí đủ giáo viên",
            "có điểm trường gần nhà cho các cháu",
        ],
    },
    "giao_thong_ha_tang": {
        "bad": [
            "tuyến đường liên xã xuống cấp, nhiều ổ gà",
            "{project} thi công chậm, gây bụi bẩn",
            "tình trạng mất điện kéo dài vào mùa nắng nóng",
            "hệ thống thoát nước không đảm bảo, ngập úng khi mưa lớn",
            "cầu dân sinh qua {river} xuống cấp",
            "xe quá tải làm hư hỏng đường",
            ("cầu treo ở {village} hư hỏng", 0.2),
            ("đèn tín hiệu giao thông tại nút giao bị hỏng", 0.4),
            "giá nước sạch tăng",
        ],
        "good": [
            "tuyến đường ở {village} được bê tông hóa",
            "việc thông xe {project}",
            "hệ thống điện chiếu sáng được lắp đặt",
        ],
        "want": [
            "sớm sửa chữa tuyến đường",
            "được đầu tư hệ thống nước sạch",
            "có đèn chiếu sáng trên tuyến đường",
        ],
    },
    "lao_dong_viec_lam": {
        "bad": [
            "việc {company} chậm trả lương cho công nhân",
            "{company} nợ đóng bảo hiểm xã hội của người lao động",
            "nhiều lao động mất việc làm, giảm giờ làm",
            ("công nhân {company} ngừng việc tập thể", 0.3),
            ("lừa đảo đưa người đi lao động nước ngoài", 0.3),
            "thu nhập của người lao động giảm",
        ],
        "good": [
            "phiên giao dịch việc làm",
            "chương trình đào tạo nghề cho lao động nông thôn",
            "doanh nghiệp tăng lương, thưởng Tết cho công nhân",
        ],
        "want": ["có việc làm ổn định", "được hỗ trợ học nghề", "được chốt sổ bảo hiểm xã hội"],
    },
    "an_sinh_xa_hoi": {
        "bad": [
            "việc bình xét hộ nghèo, hộ cận nghèo chưa công bằng",
            "chế độ cho người có công chậm được giải quyết",
            "mức trợ cấp xã hội thấp",
            "việc chi trả lương hưu qua tài khoản gây khó khăn cho người cao tuổi",
            ("hỗ trợ khắc phục hậu quả bão lũ chưa kịp thời", 0.5),
        ],
        "good": [
            "chính sách hỗ trợ xóa nhà tạm, nhà dột nát",
            "việc tăng lương cơ sở, lương hưu",
            "các phần quà tặng gia đình chính sách dịp Tết",
        ],
        "want": [
            "được hỗ trợ xây nhà đại đoàn kết",
            "được hưởng trợ cấp",
            "được xét công nhận hộ cận nghèo",
        ],
    },
    "gia_ca_doi_song": {
        "bad": [
            "giá cả hàng hóa thiết yếu tăng",
            "giá xăng dầu biến động",
            "giá điện sinh hoạt tăng",
            "giá thịt lợn tăng mạnh",
            "giá nông sản giảm, được mùa mất giá",
            ("giá vàng tăng cao", 0.5),
            "chi phí sinh hoạt tăng trong khi thu nhập không tăng",
        ],
        "good": [
            "giá cả thị trường dịp Tết ổn định",
            "đời sống của Nhân dân từng bước được cải thiện",
        ],
        "want": ["cơ quan chức năng bình ổn giá", "có đầu ra ổn định cho nông sản"],
    },
    "thu_tuc_hanh_chinh": {
        "bad": [
            "thủ tục hành chính còn rườm rà",
            "việc giải quyết hồ sơ tại trung tâm phục vụ hành chính công chậm",
            "thái độ của một số cán bộ tiếp dân",
            "khó khăn khi thực hiện dịch vụ công trực tuyến",
            "việc chứng thực, xác nhận giấy tờ sau sắp xếp đơn vị hành chính",
        ],
        "good": [
            "việc cải cách thủ tục hành chính",
            "cán bộ bộ phận một cửa hướng dẫn tận tình",
            "việc cấp căn cước và định danh điện tử tại nhà",
        ],
        "want": [
            "được hướng dẫn thủ tục rõ ràng",
            "được giải quyết hồ sơ đúng hẹn",
            "cán bộ hỗ trợ người cao tuổi làm dịch vụ công trực tuyến",
        ],
    },
    "tham_nhung_tieu_cuc": {
        "bad": [
            "dấu hiệu sai phạm trong quản lý, sử dụng quỹ của thôn",
            "việc lập khống danh sách nhận hỗ trợ",
            "dấu hiệu tiêu cực trong đấu thầu {project}",
            "lãng phí trong đầu tư công trình nhà văn hóa {village}",
            ("cán bộ nhận tiền để giải quyết hồ sơ", 0.3),
        ],
        "good": [
            "việc xử lý nghiêm các vụ án tham nhũng",
            "công tác phòng, chống tham nhũng, tiêu cực",
        ],
        "want": ["cơ quan chức năng làm rõ, xử lý nghiêm sai phạm", "công khai các khoản thu chi"],
    },
    "an_ninh_trat_tu": {
        "bad": [
            "tình trạng trộm cắp tài sản về đêm",
            "thanh thiếu niên tụ tập đua xe trái phép",
            ("tín dụng đen, cho vay nặng lãi", 0.6),
            ("lừa đảo qua mạng, giả danh công an gọi điện", 0.7),
            ("tệ nạn ma túy trong thanh thiếu niên", 0.5),
            ("trộm chó", 0.3),
            ("mua bán, tàng trữ pháo nổ", 0.2),
            ("hoạt động đa cấp trái phép", 0.3),
            ("các sàn tiền ảo lừa đảo", 0.1),
        ],
        "good": [
            "mô hình camera an ninh ở {village}",
            "lực lượng công an chính quy về xã",
            "phong trào toàn dân bảo vệ an ninh Tổ quốc",
        ],
        "want": [
            "được tăng cường tuần tra",
            "cơ quan công an xử lý dứt điểm",
            "lắp thêm camera an ninh",
        ],
    },
    "ton_giao_tin_nguong": {
        "bad": [
            "việc xây dựng, sửa chữa cơ sở thờ tự chưa được cấp phép",
            "hoạt động truyền đạo trái pháp luật",
            ("tà đạo", 0.1),
            "việc tổ chức lễ hội có biểu hiện mê tín dị đoan",
        ],
        "good": [
            "các hoạt động tôn giáo diễn ra đúng quy định",
            "lễ Phật đản, lễ Giáng sinh được tổ chức trang trọng",
            "chức sắc tôn giáo tham gia công tác từ thiện",
        ],
        "want": ["được tạo điều kiện sinh hoạt tôn giáo", "sớm được cấp đất xây dựng cơ sở thờ tự"],
    },
    "dan_toc": {
        "bad": [
            "đời sống đồng bào dân tộc {ethnic} còn khó khăn",
            "tình trạng tảo hôn, hôn nhân cận huyết thống",
            "thiếu đất sản xuất của đồng bào",
            ("di cư tự do", 0.3),
        ],
        "good": [
            "chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số",
            "chính sách hỗ trợ con giống, cây giống",
            "việc bảo tồn bản sắc văn hóa của đồng bào {ethnic}",
        ],
        "want": ["được hỗ trợ nhà ở, đất sản xuất", "có đường giao thông vào bản"],
    },
    "nong_nghiep": {
        "bad": [
            "dịch tả lợn châu Phi tái phát",
            "thiếu nước tưới cho vụ lúa",
            "giá phân bón, thức ăn chăn nuôi tăng",
            "sâu bệnh hại lúa",
            ("lũ quét làm hư hỏng hoa màu", 0.2),
            ("rét đậm, rét hại làm chết gia súc", 0.3),
            "tàu cá của ngư dân gặp khó khăn khi vươn khơi",
        ],
        "good": [
            "vụ lúa được mùa, được giá",
            "mô hình trồng cây ăn quả cho thu nhập cao",
            "chương trình mỗi xã một sản phẩm OCOP",
            "việc dồn điền đổi thửa",
        ],
        "want": [
            "được hỗ trợ giống, vật tư nông nghiệp",
            "có đầu ra ổn định cho nông sản",
            "nạo vét kênh mương nội đồng",
        ],
    },
    "xay_dung_quy_hoach": {
        "bad": [
            "tình trạng xây dựng trái phép trên đất nông nghiệp",
            "quy hoạch treo nhiều năm tại {village}",
            "các chung cư cũ xuống cấp",
            "việc điều chỉnh quy hoạch {project}",
            "lấn chiếm vỉa hè, lòng đường để kinh doanh",
        ],
        "good": [
            "việc công bố quy hoạch chung",
            "công tác chỉnh trang đô thị",
            "dự án nhà ở xã hội được khởi công",
        ],
        "want": [
            "được xem quy hoạch chi tiết",
            "được cấp phép sửa chữa nhà ở",
            "sớm xóa bỏ quy hoạch treo",
        ],
    },
    "van_hoa_xa_hoi": {
        "bad": [
            "tình trạng tổ chức đám cưới, đám tang còn rườm rà, lãng phí",
            "nhà văn hóa {village} ít được sử dụng",
            "trẻ em nghiện điện thoại, mạng xã hội",
            ("tình trạng bạo lực gia đình", 0.4),
        ],
        "good": [
            "phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa",
            "lễ hội truyền thống được tổ chức an toàn, tiết kiệm",
            "giải bóng đá thanh niên của xã",
            "việc xây dựng nông thôn mới kiểu mẫu",
        ],
        "want": [
            "có sân chơi cho trẻ em",
            "được đầu tư thiết chế văn hóa",
            "duy trì các câu lạc bộ văn nghệ",
        ],
    },
    "xay_dung_dang_chinh_quyen": {
        "bad": [
            "việc bố trí cán bộ sau sắp xếp đơn vị hành chính",
            "tâm tư của cán bộ dôi dư sau sáp nhập",
            "trụ sở làm việc mới xa dân",
            "vai trò nêu gương của một số cán bộ, đảng viên",
        ],
        "good": [
            "chủ trương sắp xếp tổ chức bộ máy tinh gọn, hiệu lực, hiệu quả",
            "việc vận hành chính quyền địa phương hai cấp",
            "kết quả Đại hội Đảng bộ các cấp",
            "việc học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        ],
        "want": [
            "cán bộ gần dân, sát dân hơn",
            "chính quyền sớm ổn định tổ chức sau sáp nhập",
            "được lấy ý kiến về dự thảo văn kiện",
        ],
    },
    "kinh_te_doanh_nghiep": {
        "bad": [
            "{company} gặp khó khăn, thu hẹp sản xuất",
            "thủ tục vay vốn ưu đãi phức tạp",
            "các hộ kinh doanh lo ngại việc kê khai thuế theo phương pháp mới",
        ],
        "good": [
            "việc thu hút đầu tư vào cụm công nghiệp",
            "chương trình hỗ trợ doanh nghiệp nhỏ và vừa",
            "kinh tế địa phương tăng trưởng khá",
        ],
        "want": ["được vay vốn ưu đãi", "được hướng dẫn chuyển đổi số trong kinh doanh"],
    },
    "khac": {
        "bad": [
            "một số thông tin sai sự thật lan truyền trên mạng",
            "tình trạng chó thả rông",
            "việc quản lý nghĩa trang nhân dân",
        ],
        "good": [
            "các hoạt động kỷ niệm ngày lễ lớn của đất nước",
            "kết quả các giải thể thao của đất nước",
        ],
        "want": ["được thông tin đầy đủ, kịp thời", "các cấp quan tâm hơn nữa"],
    },
}

DETAILS = [
    "Vụ việc liên quan đến khoảng {n} hộ dân.",
    "Có khoảng {n} người tham gia ký đơn.",
    "Đến nay đã có {n} hộ nhận tiền, còn {m} hộ chưa đồng thuận.",
    "Diện tích bị ảnh hưởng khoảng {area} m2.",
    "Sự việc kéo dài từ tháng {month}/{year} đến nay.",
    "Tổng số tiền liên quan khoảng {money} triệu đồng.",
    "Tuyến đường dài khoảng {km} km.",
    "Tại buổi làm việc có {n} đại biểu tham dự.",
    "Đã có {n} lượt ý kiến phản ánh.",
    "Sự việc xảy ra tại {village} từ ngày {day}/{month}.",
]
REQUESTS = [
    "Đề nghị {authority} sớm xem xét, giải quyết dứt điểm.",
    "Kiến nghị cấp có thẩm quyền kiểm tra, trả lời cho Nhân dân.",
    "Đề nghị các cơ quan chức năng vào cuộc xác minh.",
    "Người dân mong {authority} sớm có câu trả lời.",
    "Đề nghị công khai kết quả giải quyết để Nhân dân được biết.",
]
ACTIONS = [
    "Ban Dân vận {commune_type_lower} đã phối hợp với Ủy ban MTTQ nắm tình hình, tuyên truyền, vận động Nhân dân.",
    "Đảng ủy {commune_type_lower} đã chỉ đạo tổ công tác đối thoại với các hộ dân.",
    "Chính quyền địa phương đã tiếp nhận, đang xem xét giải quyết.",
    "Tình hình an ninh trật tự trên địa bàn cơ bản ổn định.",
    "Cần tiếp tục theo dõi, nắm chắc tình hình.",
    "Các đoàn thể đã vận động hội viên chấp hành tốt chủ trương.",
    "Chưa phát sinh điểm nóng.",
]
AUTHORITY_NAMES = {
    "ubnd_xa": "Ủy ban nhân dân {commune_type_lower}",
    "ubnd_tinh": "Ủy ban nhân dân {province_type_lower}",
    "so_nong_nghiep_moi_truong": "Sở Nông nghiệp và Môi trường",
    "so_xay_dung": "Sở Xây dựng",
    "so_y_te": "Sở Y tế",
    "so_giao_duc": "Sở Giáo dục và Đào tạo",
    "so_noi_vu": "Sở Nội vụ",
    "so_tai_chinh": "Sở Tài chính",
    "so_cong_thuong": "Sở Công Thương",
    "so_van_hoa": "Sở Văn hóa, Thể thao và Du lịch",
    "so_dan_toc_ton_giao": "Sở Dân tộc và Tôn giáo",
    "cong_an": "cơ quan công an",
    "thanh_tra": "Thanh tra tỉnh",
    "bhxh": "cơ quan bảo hiểm xã hội",
    "dien_nuoc": "công ty điện lực",
    "mttq_doan_the": "Ủy ban MTTQ",
    "co_quan_dang": "cấp ủy",
    "khac": "các cơ quan liên quan",
}
POSITIVE = {"vui_mung", "phan_khoi", "dong_tinh", "tin_tuong"}
NEGATIVE = {"ban_khoan", "lo_lang", "buc_xuc"}


def _weighted(entries: list) -> tuple[list[str], list[float]]:
    phrases, cum, total = [], [], 0.0
    for entry in entries:
        phrase, weight = entry if isinstance(entry, tuple) else (entry, 1.0)
        total += weight
        phrases.append(phrase)
        cum.append(total)
    return phrases, cum


_TOPICS = {
    f: {part: _weighted(entries) for part, entries in parts.items()} for f, parts in TOPICS.items()
}
_FIELDS = list(_TOPICS)


class _Slots(dict):
    """The values of a text's {slots}, each drawn only when the text asks for it."""

    def __init__(self, maker: TextMaker, place: Place, village: str | None):
        super().__init__()
        self.maker, self.place, self.village = maker, place, village

    def __missing__(self, key: str) -> str:
        place, pick, rand = self.place, self.maker.pick, self.maker.rand
        commune = f"{place.commune_type.lower()} {place.commune}"
        if key == "where":
            value = self.village or commune
        elif key == "village":
            value = self.village or pick(place.villages)
        elif key == "commune_full":
            value = commune
        elif key == "commune_type_lower":
            value = place.commune_type.lower()
        elif key == "province_type_lower":
            value = "thành phố" if place.province.startswith("Thành phố") else "tỉnh"
        elif key == "project":
            value = pick(place.projects)
        elif key in ("company", "market", "river"):
            value = getattr(place, key)
        elif key == "ethnic":
            value = pick(ETHNIC)
        elif key == "name":
            value = f"{pick(NAME_SYLLABLES)} {pick(NAME_SYLLABLES)}"
        elif key == "n":
            value = str(pick(_COUNTS))
        elif key == "m":
            value = str(1 + int(rand() * 40))
        elif key == "area":
            value = f"{(1 + int(rand() * 400)) * 50:,}".replace(",", ".")
        elif key == "month":
            value = str(1 + int(rand() * 12))
        elif key == "year":
            value = pick(("2024", "2025", "2026"))
        elif key == "day":
            value = str(1 + int(rand() * 28))
        elif key == "money":
            value = f"{5 + int(rand() * 8996):,}".replace(",", ".")
        elif key == "km":
            value = f"{1 + int(rand() * 40)},{int(rand() * 10)}"
        else:
            raise KeyError(key)
        self[key] = value
        return value


_COUNTS = (3, 5, 7, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200, 300, 500)


class TextMaker:
    """Makes the text of one item; fast enough for ten million (a few µs each): a slot's value
    is drawn only when the chosen phrases have that slot, and a pick is one random number."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rand = rng.random

    def pick(self, seq):
        return seq[int(self.rand() * len(seq))]

    def _pick(self, field: str, part: str) -> str:
        phrases, cum = _TOPICS[field][part]
        return phrases[bisect.bisect(cum, self.rand() * cum[-1], 0, len(cum) - 1)]

    def make(
        self,
        *,
        place: Place,
        field: str,
        mood: str,
        channel: str,
        kind: str,
        authority: str,
        village: str | None,
    ) -> str:
        pick, rand = self.pick, self.rand
        opener = pick(OPENERS[channel])
        subject = pick(SUBJECTS)
        if mood in POSITIVE or (not mood and kind == "hoat_dong"):
            topic = self._pick(field, "good")
        elif mood == "mong_muon":
            topic = self._pick(field, "want")
        else:
            topic = self._pick(field, "bad")
        mood_word = pick(MOOD_WORDS[mood or ""])
        sentence = f"{opener}{subject} {mood_word} {topic}."
        parts = [sentence[0].upper() + sentence[1:]]
        if rand() < 0.55:
            parts.append(pick(DETAILS))
        if authority and rand() < 0.7:
            parts.append(
                pick(REQUESTS).replace(
                    "{authority}", AUTHORITY_NAMES.get(authority, "cấp có thẩm quyền")
                )
            )
        if rand() < 0.4:
            parts.append(pick(ACTIONS))
        if rand() < 0.12:  # a second matter, often of another field
            other = pick(_FIELDS)
            parts.append(
                f"Ngoài ra, {pick(SUBJECTS)} còn {pick(MOOD_WORDS['ban_khoan'])} {self._pick(other, 'bad')}."
            )
        text = " ".join(parts)
        if "{" in text:
            text = text.format_map(_Slots(self, place, village))
        if channel == "bao_chi_mang_xa_hoi" and rand() < 0.3:
            text = text.replace("Nhân dân", "nhân dân")  # posts quoted as written
        return text
