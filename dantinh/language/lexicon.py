"""Word lists the engine relies on: abbreviations, social-media spellings and stop words.

These are facts about how Vietnamese is written, not rules of any classifier: `normalize` uses
them to bring text to one spelling, `summarize` to skip words that carry no content.
"""

from __future__ import annotations

# Administrative unit abbreviations written before a name: "TP. Hải Phòng", "P.5", "X. Tân Tiến".
UNIT_ABBREVIATIONS: dict[str, str] = {
    "TP": "thành phố",
    "Tp": "thành phố",
    "tp": "thành phố",
    "TX": "thị xã",
    "Tx": "thị xã",
    "tx": "thị xã",
    "TT": "thị trấn",
    "Tt": "thị trấn",
    "P": "phường",
    "p": "phường",
    "Q": "quận",
    "q": "quận",
    "X": "xã",
    "x": "xã",
    "H": "huyện",
    "h": "huyện",
}

# Acronyms matched only in the case given (their lower-case form is an ordinary word or noise).
CASED_ABBREVIATIONS: dict[str, str] = {
    "CA": "công an",
    "ĐV": "đảng viên",
    "CB": "cán bộ",
    "DN": "doanh nghiệp",
    "HS": "học sinh",
    "GV": "giáo viên",
    "SV": "sinh viên",
    "ND": "người dân",
    "QĐ": "quyết định",
    "NĐ": "nghị định",
    "NQ": "nghị quyết",
    "TW": "trung ương",
    "QH": "quốc hội",
}

# Matched in any case. Keys are lower case; both the accented and the folded key are listed where
# people type both ("hđnd", "hdnd").
_ACRONYMS: dict[str, str] = {
    # bodies and the political system
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "mttq": "mặt trận tổ quốc",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "ubmttqvn": "ủy ban mặt trận tổ quốc việt nam",
    "đbqh": "đại biểu quốc hội",
    "bcđ": "ban chỉ đạo",
    "bch": "ban chấp hành",
    "btv": "ban thường vụ",
    "cbcc": "cán bộ công chức",
    "cbccvc": "cán bộ công chức viên chức",
    "ccb": "cựu chiến binh",
    "hccb": "hội cựu chiến binh",
    "hnd": "hội nông dân",
    "lhpn": "hội liên hiệp phụ nữ",
    "hlhpn": "hội liên hiệp phụ nữ",
    "hpn": "hội phụ nữ",
    "đtn": "đoàn thanh niên",
    "đtncs": "đoàn thanh niên cộng sản",
    "lđlđ": "liên đoàn lao động",
    "txct": "tiếp xúc cử tri",
    "csgt": "cảnh sát giao thông",
    "cand": "công an nhân dân",
    # sectors, departments
    "tnmt": "tài nguyên môi trường",
    "nnptnt": "nông nghiệp phát triển nông thôn",
    "gdđt": "giáo dục đào tạo",
    "lđtbxh": "lao động thương binh xã hội",
    # land, procedures, welfare
    "gpmb": "giải phóng mặt bằng",
    "qsdđ": "quyền sử dụng đất",
    "gcn": "giấy chứng nhận",
    "gcnqsdđ": "giấy chứng nhận quyền sử dụng đất",
    "tthc": "thủ tục hành chính",
    "dvc": "dịch vụ công",
    "bhyt": "bảo hiểm y tế",
    "bhxh": "bảo hiểm xã hội",
    "bhtn": "bảo hiểm thất nghiệp",
    "btxh": "bảo trợ xã hội",
    "ncc": "người có công",
    "kntc": "khiếu nại tố cáo",
    "nlđ": "người lao động",
    "nld": "người lao động",
    "htx": "hợp tác xã",
    "ntm": "nông thôn mới",
    "kcn": "khu công nghiệp",
    "ccn": "cụm công nghiệp",
    "tdp": "tổ dân phố",
    "kdc": "khu dân cư",
    "dtts": "dân tộc thiểu số",
    "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông",
    "attp": "an toàn thực phẩm",
    "atgt": "an toàn giao thông",
    "tngt": "tai nạn giao thông",
    "antt": "an ninh trật tự",
    "ttatxh": "trật tự an toàn xã hội",
    "ttđt": "trật tự đô thị",
    "xdcb": "xây dựng cơ bản",
    "pccc": "phòng cháy chữa cháy",
    "vsmt": "vệ sinh môi trường",
    "nvqs": "nghĩa vụ quân sự",
    "hcm": "hồ chí minh",
    "tphcm": "thành phố hồ chí minh",
    "sđt": "số điện thoại",
    "tp": "thành phố",
    "tx": "thị xã",
}

# Social-media and hurried spellings. Only tokens that are not Vietnamese words themselves.
_CHAT: dict[str, str] = {
    "k": "không",
    "ko": "không",
    "kh": "không",
    "khg": "không",
    "kq": "kết quả",
    "hok": "không",
    "hk": "không",
    "khum": "không",
    "kô": "không",
    "dc": "được",
    "đc": "được",
    "dk": "được",
    "ng": "người",
    "ngta": "người ta",
    "mn": "mọi người",
    "mng": "mọi người",
    "j": "gì",
    "ntn": "như thế nào",
    "z": "vậy",
    "zậy": "vậy",
    "vs": "với",
    "cx": "cũng",
    "cg": "cũng",
    "trc": "trước",
    "r": "rồi",
    "rùi": "rồi",
    "lm": "làm",
    "ms": "mới",
    "bjo": "bây giờ",
    "bgio": "bây giờ",
    "tl": "trả lời",
    "ck": "chồng",
    "vk": "vợ",
    "đt": "điện thoại",
    "thik": "thích",
    "iu": "yêu",
    "wa": "qua",
    "wá": "quá",
    "nhìu": "nhiều",
    "bik": "biết",
    "hum": "hôm",
    "tg": "thời gian",
    "ae": "anh em",
    "bt": "bình thường",
    "kbh": "không bao giờ",
    "nch": "nói chuyện",
    "tks": "cảm ơn",
    "thanks": "cảm ơn",
    "thank": "cảm ơn",
    "uh": "ừ",
    "uhm": "ừ",
    "ừm": "ừ",
}


def _with_folded_keys(table: dict[str, str]) -> dict[str, str]:
    out = dict(table)
    for key, value in table.items():
        folded = key.replace("đ", "d")
        out.setdefault(folded, value)
    return out


ABBREVIATIONS: dict[str, str] = _with_folded_keys({**_CHAT, **_ACRONYMS})

# Function words, pronouns and fillers that never make a key phrase on their own nor start or
# end one. Lower case, with diacritics; `summarize` also checks their folded forms.
STOP_WORDS: frozenset[str] = frozenset(
    """
    à á ạ ai anh ấy bị bởi các cái cần chỉ cho chứ chưa có của cùng cũng đã đang đây để đến
    đều điều do đó được gì hay hoặc khi không là lại lên làm lúc mà mình mỗi một này nên nếu
    ngay nhiều những nhưng nơi nữa ở phải qua ra rằng rất rồi sau sẽ so sự tại theo thì trên
    trong từ từng vào vẫn về vì việc với vừa và vậy chúng tôi ta họ nó em chị ông bà bác cô
    chú con người ấy thế nào sao bao nhiêu đấy nhé nhỉ ạ ơi thôi còn lắm quá hơn nhất đi
    tới cả mọi nhau luôn đâu gần xa thêm bằng như cứ hết trước tuy tuy_nhiên nhằm đối
    hiện nay vẫn đồng thời cụ thể khoảng gồm bên
    """.split()
)

# Terms of each default field, mood and kind (SPEC §13), in our own words: the item model
# sees each line as a small extra example of its label, so a label with few seed examples still
# knows its vocabulary. Lines are comma-separated terms.
FIELD_TERMS: dict[str, str] = {
    "dat_dai": "đất đai, thu hồi đất, bồi thường, đền bù, giải phóng mặt bằng, tái định cư, "
    "sổ đỏ, giấy chứng nhận quyền sử dụng đất, đo đạc, cắm mốc, tranh chấp đất, lấn chiếm đất, "
    "đất nông nghiệp, đất ở, đất thổ cư, giá đất, chuyển mục đích sử dụng đất, đất công",
    "moi_truong": "môi trường, ô nhiễm, rác thải, bãi rác, nước thải, khói bụi, mùi hôi, "
    "tiếng ồn, xả thải, cá chết, nguồn nước, không khí, thu gom rác, cháy rừng, sạt lở, "
    "triều cường, biến đổi khí hậu, nắng nóng, hạn hán, thiên tai",
    "y_te": "y tế, bệnh viện, trạm y tế, khám chữa bệnh, bảo hiểm y tế, thuốc, bác sĩ, "
    "dịch bệnh, tiêm chủng, sốt xuất huyết, ngộ độc, an toàn thực phẩm, vệ sinh thực phẩm, "
    "phòng khám, cấp cứu, sức khỏe",
    "giao_duc": "giáo dục, trường học, học sinh, giáo viên, học phí, thi cử, tuyển sinh, "
    "lớp học, sách giáo khoa, dạy thêm, học thêm, điểm trường, mầm non, cử tuyển, bỏ học",
    "giao_thong_ha_tang": "giao thông, đường sá, đường xuống cấp, ổ gà, cầu, cống, "
    "đèn đường, mất điện, điện lưới, nước sạch, cấp nước, thoát nước, ngập úng, tai nạn giao "
    "thông, biển báo, kè, hạ tầng",
    "lao_dong_viec_lam": "lao động, việc làm, công nhân, tiền lương, nợ lương, đình công, "
    "ngừng việc, sa thải, thất nghiệp, nợ bảo hiểm xã hội, xuất khẩu lao động, tuyển dụng, "
    "hợp đồng lao động, tai nạn lao động",
    "an_sinh_xa_hoi": "an sinh, trợ cấp, hộ nghèo, cận nghèo, người có công, thương binh, "
    "liệt sĩ, lương hưu, bảo trợ xã hội, người cao tuổi, người khuyết tật, cứu trợ, "
    "nhà tình nghĩa, hỗ trợ khó khăn, quà tết",
    "gia_ca_doi_song": "giá cả, tăng giá, giá xăng, giá điện, giá thực phẩm, chi phí sinh "
    "hoạt, thu nhập, đời sống khó khăn, vật giá, tiền chợ, giá lợn, giá lúa, hàng hóa",
    "thu_tuc_hanh_chinh": "thủ tục hành chính, dịch vụ công, một cửa, hồ sơ, giấy tờ, "
    "chứng thực, cấp giấy, trả kết quả, trễ hẹn, dịch vụ công trực tuyến, thái độ cán bộ, "
    "tiếp dân, định danh điện tử, căn cước",
    "tham_nhung_tieu_cuc": "tham nhũng, tiêu cực, lãng phí, hối lộ, bôi trơn, nhận tiền, "
    "tham ô, biển thủ, lợi dụng chức vụ, sai phạm, thất thoát, công trình bỏ hoang, "
    "nghiệm thu, rút tiền quỹ, chạy việc, chạy chức, ăn chặn, xà xẻo, tiền đóng góp đi đâu",
    "an_ninh_trat_tu": "an ninh, trật tự, tội phạm, trộm cắp, cướp giật, lừa đảo, lừa đảo "
    "qua mạng, ma túy, cờ bạc, tín dụng đen, đánh nhau, băng nhóm, công an, đua xe, "
    "tệ nạn xã hội, mất trộm",
    "ton_giao_tin_nguong": "tôn giáo, tín ngưỡng, nhà thờ, giáo xứ, giáo dân, chùa, "
    "phật tử, đình, đền, miếu, lễ hội tôn giáo, truyền đạo, tà đạo, đạo lạ, cơ sở thờ tự, "
    "linh mục, nhà sư",
    "dan_toc": "dân tộc, đồng bào dân tộc thiểu số, người Mông, người Dao, người Thái, "
    "người Tày, người Khmer, bản làng, vùng cao, già làng, người có uy tín, chính sách dân "
    "tộc, biên giới",
    "nong_nghiep": "nông nghiệp, nông thôn, nông dân, trồng trọt, chăn nuôi, lúa, mùa màng, "
    "thủy sản, nuôi trồng, đánh bắt, dịch bệnh gia súc, phân bón, giống, thủy lợi, tiêu "
    "thụ nông sản, khuyến nông, thú y",
    "xay_dung_quy_hoach": "xây dựng, quy hoạch, trật tự đô thị, nhà ở, xây dựng trái "
    "phép, giấy phép xây dựng, chung cư, nhà nguy hiểm, treo quy hoạch, dự án nhà ở, vỉa hè, "
    "lấn chiếm vỉa hè, đô thị",
    "van_hoa_xa_hoi": "văn hóa, xã hội, lễ hội, gia đình, cưới hỏi, tang lễ, thể thao, "
    "di tích, nhà văn hóa, câu lạc bộ, thanh thiếu niên, mạng xã hội, trẻ em, bạo lực gia "
    "đình, nếp sống văn minh",
    "xay_dung_dang_chinh_quyen": "xây dựng Đảng, chính quyền, cán bộ, đảng viên, chi bộ, "
    "bí thư, chủ tịch, sắp xếp bộ máy, sáp nhập xã, tinh giản biên chế, chính quyền hai "
    "cấp, bỏ cấp huyện, nghị quyết, kỷ luật đảng viên",
    "kinh_te_doanh_nghiep": "kinh tế, doanh nghiệp, đầu tư, sản xuất kinh doanh, nhà máy, "
    "khu công nghiệp, thuế, ngân hàng, vay vốn, tiểu thương, chợ, du lịch, xuất khẩu, "
    "thương mại điện tử, OCOP, thị trường",
}

MOOD_TERMS: dict[str, str] = {
    "vui_mung": "vui mừng, mừng, vui, vui vẻ, hân hoan, mừng rỡ",
    "phan_khoi": "phấn khởi, hồ hởi, phấn chấn, hào hứng, khen ngợi",
    "dong_tinh": "đồng tình, ủng hộ, nhất trí, hoan nghênh, tán thành, đánh giá cao",
    "tin_tuong": "tin tưởng, tin, yên tâm, kỳ vọng, tin vào",
    "mong_muon": "mong muốn, mong, đề nghị, kiến nghị, xin, mong sớm, đề xuất, nguyện vọng",
    "ban_khoan": "băn khoăn, thắc mắc, không rõ, chưa hiểu, hỏi, liệu có, không biết",
    "lo_lang": "lo lắng, lo, e ngại, sợ, lo ngại, hoang mang, bất an",
    "buc_xuc": "bức xúc, bất bình, phẫn nộ, bực, bực bội, không hài lòng, kêu ca, búc xúc",
}

KIND_TERMS: dict[str, str] = {
    "hoat_dong": "hưởng ứng, tham gia, ra quân, tổ chức, đóng góp, hiến đất, ủng hộ phong "
    "trào, hoạt động, lễ hội, xây dựng nông thôn mới",
    "tam_trang": "tâm trạng, tư tưởng, dư luận, bàn tán, lo lắng, phấn khởi, băn khoăn, đồng tình",
    "kien_nghi": "kiến nghị, đề nghị, xin, mong, đề xuất, yêu cầu giải quyết, bức xúc kiến nghị",
    "khieu_nai_to_cao": "đơn khiếu nại, đơn tố cáo, tố giác, khiếu nại, tố cáo, gửi đơn, "
    "đơn thư, khiếu kiện",
    "vu_viec": "tụ tập đông người, kéo đến trụ sở, căng băng rôn, chặn xe, đình công, "
    "ngừng việc tập thể, khiếu kiện đông người, điểm nóng, gây rối",
}

# --- names --------------------------------------------------------------------------------
# What the place matcher needs to tell a commune written without its kind word ("Người dân
# Lê Chân phản ánh") from a person's or a thing's name spelt the same. Lower case, with the
# traditional tone placement; the matcher also compares them without diacritics.

# Vietnamese family names. A sentence's first word is capitalised by position, but a family
# name's capital is its own: "Nguyễn Văn An phản ánh" is a person, not "Nguyễn" + "Văn An".
SURNAMES: frozenset[str] = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lí đào đoàn "
    "vương trịnh đinh lâm phùng mai tô trương hà lưu cao lương tạ chu quách thái tăng lại "
    "kiều tống khúc lã triệu hứa mạc đàm nghiêm từ hầu phí vi diệp lục la âu khổng giang "
    "nông ninh cù thân doãn kim lò sầm bế châu tôn tiêu đồng bạch mẫn ông".split()
)

# Forms of address and titles written before a given name: right after them a capitalised
# name is a person's ("chị Thu Hà", "anh Minh Đức", "đồng chí Văn An", "vua Quang Trung").
PERSON_TITLES: frozenset[str] = frozenset(
    {
        "ông",
        "bà",
        "anh",
        "chị",
        "em",
        "cô",
        "chú",
        "bác",
        "cụ",
        "cháu",
        "thầy",
        "cậu",
        "dì",
        "mợ",
        "thím",
        "bé",
        "vợ",
        "chồng",
        "mẹ",
        "bố",
        "cha",
        "đồng chí",
        "đc",
        "tên",
        "cố",
        "liệt sĩ",
        "anh hùng",
        "danh nhân",
        "nhà thơ",
        "nhà văn",
        "ca sĩ",
        "nghệ sĩ",
        "vua",
        "chúa",
        "thánh",
    }
)

# Nouns whose own name follows them, possibly after a few words ("Công ty TNHH Vật liệu mới
# Bình Minh", "khu chung cư cũ Cát Bi", "trường chuyên Trần Phú", "cầu phao Quang Thanh"):
# a capitalised name closing such a noun phrase is that thing's name, not the commune's.
# Streets, schools, companies and churches are named after heroes and good words anywhere.
# (Not "trạm": a commune's health station, "Trạm Y tế Ngô Quyền", bears the commune's name.)
NAMED_THINGS: frozenset[str] = frozenset(
    {
        # streets and works
        "đường",
        "phố",
        "ngõ",
        "ngách",
        "hẻm",
        "kiệt",
        "đại lộ",
        "cầu",
        "cống",
        "đê",
        "kè",
        "kênh",
        "mương",
        "bến",
        "cảng",
        "ga",
        "tuyến",
        "nút giao",
        "ngã ba",
        "ngã tư",
        "ngã năm",
        "vòng xuyến",
        "đô thị",
        "chung cư",
        "tập thể",
        "tái định cư",
        "tòa",
        "tòa nhà",
        "dự án",
        "bãi",
        "bãi rác",
        # nature
        "sông",
        "hồ",
        "suối",
        "đầm",
        "vịnh",
        "biển",
        "núi",
        "đảo",
        "hang",
        "đèo",
        "cánh đồng",
        "rừng",
        # businesses
        "công ty",
        "cty",
        "tập đoàn",
        "doanh nghiệp",
        "xí nghiệp",
        "nhà máy",
        "công nghiệp",
        "hợp tác xã",
        "cửa hàng",
        "siêu thị",
        "chợ",
        "khách sạn",
        "nhà hàng",
        "quán",
        "ngân hàng",
        "quỹ",
        "thương hiệu",
        "nhãn hiệu",
        "tnhh",
        "htx",
        "kcn",
        "ccn",
        # schools, health, culture, faith
        "trường",
        "mầm non",
        "tiểu học",
        "trung học",
        "đại học",
        "cao đẳng",
        "học viện",
        "thcs",
        "thpt",
        "lớp",
        "bệnh viện",
        "bv",
        "phòng khám",
        "nhà thuốc",
        "nhà văn hóa",
        "sân vận động",
        "sân",
        "công viên",
        "quảng trường",
        "tượng đài",
        "di tích",
        "chùa",
        "đình",
        "đền",
        "miếu",
        "phủ",
        "nhà thờ",
        "xứ",
        "giáo họ",
        "họ đạo",
        "lễ hội",
        "chiến thắng",
        "trận",
        "chiến dịch",
        # groups, media
        "nhóm",
        "câu lạc bộ",
        "clb",
        "đội",
        "trang",
        "fanpage",
        "tài khoản",
        "báo",
        "tạp chí",
        "đài",
        "group",
    }
)

# Words that end the noun phrase before a name and make it a place: prepositions, "the area
# of", "the people of" ("ở Kiến Thụy", "trên địa bàn Lê Chân", "bà con An Hưng").
BEFORE_PLACES: frozenset[str] = frozenset(
    {
        "ở",
        "tại",
        "thuộc",
        "của",
        "trên",
        "dưới",
        "trong",
        "ngoài",
        "từ",
        "đến",
        "tới",
        "về",
        "qua",
        "sang",
        "cho",
        "với",
        "và",
        "hoặc",
        "cùng",
        "gần",
        "cạnh",
        "quanh",
        "giữa",
        "là",
        "gồm",
        "như",
        "khỏi",
        "vào",
        "ra",
        "địa bàn",
        "khu vực",
        "vùng",
        "địa phương",
        "dân",
        "bà con",
        "cử tri",
        "người",
    }
)

# Names of regions, seas and countries that are also the names of communes: written with
# capitals, they mean the region ("tình hình Biển Đông", "căng thẳng Trung Đông").
REGION_NAMES: frozenset[str] = frozenset(
    {"biển đông", "trung đông", "ấn độ", "đông bắc", "đông dương", "đông á", "trung hoa", "nam hàn"}
)
