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

# Syllables that lean on the word after them ("hằng tháng", "bão số 3", "các hộ"): a key phrase
# never starts or ends with one, and an excerpt is never cut right after one.
LEANING: frozenset[str] = frozenset("hằng hàng số thứ mỗi từng các những mọi vài mấy".split())

# Words the segmenter's word list lacks, which reports use all the time: without them
# "trợ cấp xã hội hằng tháng" would be cut into "… hằng" + "tháng".
EXTRA_WORDS: frozenset[str] = frozenset(
    f"{lead} {unit}"
    for lead in ("hằng", "hàng")
    for unit in ("ngày", "tuần", "tháng", "quý", "năm", "giờ")
) | frozenset({"bảo hiểm xã hội", "bảo hiểm y tế", "bảo hiểm thất nghiệp", "trợ cấp xã hội"})

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
    # a wish voiced, not a request: "đề nghị", "kiến nghị", "xin" make a request (the kind)
    # and voice no mood by themselves (issue 12; data/README.md, "Moods only where voiced")
    "mong_muon": "mong muốn, mong, mong mỏi, hy vọng, mong sớm, nguyện vọng, mong được",
    "ban_khoan": "băn khoăn, thắc mắc, không rõ, chưa hiểu, hỏi, liệu có, không biết",
    "lo_lang": "lo lắng, lo, e ngại, sợ, lo ngại, hoang mang, bất an",
    "buc_xuc": "bức xúc, bất bình, phẫn nộ, bực, bực bội, không hài lòng, kêu ca, búc xúc",
}

# The feeling words and phrases of the label guide: an item has a mood only where its text
# voices one of them (data/README.md, "Moods only where voiced"; issue 12). A plain report,
# request or letter voices none; `dantinh.language.moods.voiced_moods` finds them, and the
# seeds' moods are checked against them (`python -m bench.moods`). Written from the seeds'
# own wording and our Vietnamese, never from a held-out set. Matched on normalised syllables;
# on text typed without diacritics only phrases of two syllables or more are matched ("lo",
# "so", "mong" are also "lò", "sổ", "Mông" there).
FEELING_WORDS: dict[str, str] = {
    "vui_mung": "vui mừng, mừng, vui, vui vẻ, hân hoan, hạnh phúc, rạng rỡ, vui khóc, "
    "mừng rỡ, mừng lắm, xúc động, cảm động, tự hào, sung sướng, hài lòng, mãn nguyện, "
    "ưng ý, rất thích, thích lắm, thích thú, cười tươi, ấm lòng, mát lòng, phấn khích",
    "phan_khoi": "phấn khởi, hồ hởi, phấn chấn, hào hứng, háo hức, nức lòng, sôi nổi, "
    "hăng hái, náo nức, khấp khởi, hứng khởi, nô nức",
    "dong_tinh": "đồng tình, ủng hộ, nhất trí, hoan nghênh, tán thành, đánh giá cao, khen, "
    "khen ngợi, cảm ơn, biết ơn, đồng thuận, đồng ý, đồng lòng, hợp lý, hợp lòng dân, "
    "đúng đắn, là đúng, mới đúng, rất đúng, thống nhất với, thống nhất cao",
    "tin_tuong": "tin tưởng, tin là, tin rằng, tin chắc, tin vào, tin sẽ, niềm tin, lòng "
    "tin, yên tâm, an tâm, vững tin, đặt niềm tin, kỳ vọng, trông cậy, yên lòng",
    "mong_muon": "mong muốn, mong, muốn, mong mỏi, mong chờ, mong đợi, mong sớm, mong được, rất "
    "mong, chỉ mong, nguyện vọng, hy vọng, hi vọng, ước mong, mơ ước, ước ao, ước gì, "
    "trông chờ, trông mong, khao khát, tha thiết, mỏi mòn",
    "ban_khoan": "băn khoăn, thắc mắc, chưa rõ, chưa hiểu, không hiểu, lấn cấn, phân vân, "
    "mơ hồ, bao giờ mới, đến bao giờ, hoài nghi, nghi ngờ, ngờ vực, chưa thỏa đáng, chưa thông, không biết "
    "bao giờ, không biết khi nào, không biết có, chả biết, chẳng biết, liệu có, liệu, đặt "
    "câu hỏi, dấu hỏi, không hiểu sao, chả hiểu, chẳng hiểu, nghi do, nghi có, nghi là, dân "
    "nghi, dư luận nghi, nghi vấn",
    "lo_lang": "lo lắng, lo, lo ngại, e ngại, sợ, hoang mang, bất an, thót tim, mất ngủ, "
    "lo sợ, nơm nớp, canh cánh, e dè, lo âu, sợ hãi, hoảng, hoảng sợ, hốt hoảng, run sợ, "
    "ngán, không dám, thấp thỏm, chột dạ, rùng mình, ám ảnh, không yên, sốt ruột, e rằng, "
    "sợ rằng, lo rằng, nhấp nhổm, hú vía, đứng ngồi không yên",
    "buc_xuc": "bức xúc, bất bình, phẫn nộ, bực, bực bội, bực mình, bức bối, phản đối, chịu "
    "hết nổi, chịu không nổi, không chịu nổi, ai chịu nổi, ai mà chịu, sao nổi, không chấp "
    "nhận, ai chịu trách nhiệm, kêu trời, búc xúc, bất mãn, gay gắt, tức giận, tức tối, tức "
    "quá, tức lắm, mà tức, ấm ức, uất ức, chán, chán nản, nản, ngán ngẩm, thất vọng, mất "
    "lòng tin, mất niềm tin, vô lý, bất công, quá đáng, kêu ca, than phiền, than thở, than "
    "trời, kêu than, phàn nàn, oán thán, bất lực, báo mãi, mãi không, mãi chưa, hoài, "
    "kiểu gì vậy, kiểu gì thế, là sao, coi thường, hách dịch, làm khó dân, hành dân, nữa rồi, "
    "biết hỏi ai, biết kêu ai, kêu ai",
}
# Phrases holding a feeling word that voice no feeling: masked before FEELING_WORDS are read.
NOT_FEELING: str = (
    "chăm lo, lo liệu, lo toan, tự lo, lo việc, lo hậu sự, lo tang, lo lót, vui chơi, "
    "hoài nhơn, hoài đức, hoài ân, khu vui chơi, sân chơi, chúc mừng, chào mừng, mừng đảng, mừng "
    "xuân, mừng thọ, lễ mừng, mừng lúa mới, giải thích, thích hợp, thích ứng, thích nghi, "
    "ủng hộ tiền, tiền ủng hộ, quyên góp ủng hộ, ủng hộ quỹ, ủng hộ đồng bào, ủng hộ gạo, "
    "vận động ủng hộ, đóng góp ủng hộ, ủng hộ phong trào, hoài niệm, liệu trình, tài liệu, "
    "nguyên liệu, nhiên liệu, vật liệu, số liệu, dữ liệu, sử liệu, tư liệu, chất liệu, liệu "
    "pháp, thống nhất với nhau, chán ăn, khen thưởng, được khen thưởng, lan can, tranh luận gay "
    "gắt, phê bình gay gắt, dược liệu, chưa rõ ràng, không rõ ràng"
)

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

# --- cues ----------------------------------------------------------------------------------
# Phrases that mark what an item *does* (a written letter, a collective action, the people's
# own activity, a request, a question), the mood it voices, who is involved (ethnic or
# religious communities) and what it is about. The item model sees each family as one extra
# feature ("⟨written⟩"), so a rare wording lends the family's weight ("ký đơn", "thư tập thể"
# are as much a letter as "gửi đơn"); `cues.py` also adds who × what pairs ("⟨ethnic×infra⟩"),
# so the model can learn that a road in a Mông village is a road. From SPEC §13's label guide;
# comma-separated, matched on normalised syllables (and without diacritics on text typed so).
CUES: dict[str, str] = {
    # kinds (speech acts)
    "written": "có đơn, gửi đơn, làm đơn, viết đơn, ký đơn, nộp đơn, đơn thư, đơn tập thể, "
    "đơn khiếu nại, đơn tố cáo, đơn đề nghị, đơn kiến nghị, đơn phản ánh, đơn xin, đơn của, "
    "đơn gửi, trong đơn, theo đơn, nhận đơn, tiếp nhận đơn, lá đơn, các đơn, nhiều đơn, "
    "đơn yêu cầu, khiếu nại, tố cáo, tố giác, trình báo, thư tập thể, gửi thư, thư phản ánh, "
    "thư kêu cứu, khiếu kiện",
    "collective": "tập trung đông người, tụ tập, kéo đến, kéo lên, kéo ra, chặn xe, chặn đường, "
    "căng lều, dựng lều, căng băng rôn, ngừng việc, ngừng làm việc, đình công, bãi công, "
    "lãn công, không cho con đi học, cho con nghỉ học, không đưa con đến trường, giữ con ở "
    "nhà, xô xát, ẩu đả, hỗn chiến, gây rối, bao vây, khiếu kiện đông người, vượt cấp, "
    "điểm nóng, manh động, kích động, ngăn cản thi công, cản trở thi công, biểu tình, "
    "ổ dịch, ngộ độc tập thể, rút tiền ồ ạt, bỏ trốn, đông người",
    "activity": "hiến đất, hiến máu, tham gia, ra quân, hưởng ứng, quyên góp, đóng góp, "
    "góp tiền, góp công, ngày công, tự nguyện, tự giác, tháo dỡ, xếp hàng, trao tặng, "
    "phát động, giao nộp, tình nguyện, dọn vệ sinh, tuần tra, tổ chức lễ, mô hình, phong "
    "trào, đồng loạt, bàn giao mặt bằng, mua tích trữ, đổ xô",
    "request": "đề nghị, kiến nghị, xin, yêu cầu, đề xuất, xem xét, sớm giải quyết, "
    "xem giùm, xem giúp, mong xã, mong chính quyền, mong cấp trên, mong các cấp, "
    "kính đề nghị",
    "question": "?, không biết, chưa rõ, thắc mắc, liệu có, có phải, hay không, thế nào, "
    "bao giờ, khi nào, vì sao, tại sao, ra sao, có được không",
    "report": "tiếp nhận, đã chuyển, chuyển đến, đã hướng dẫn, đã xử lý, đã xác minh, "
    "kết quả, tổng số, trong đó, ghi nhận, thống kê, tuần qua, trong tháng, trong quý",
    # moods
    "joy": "vui mừng, mừng, vui, vui vẻ, hân hoan, hạnh phúc, rạng rỡ, vui khóc",
    "enthusiasm": "phấn khởi, hồ hởi, phấn chấn, hào hứng, háo hức, nức lòng, sôi nổi",
    "approval": "đồng tình, ủng hộ, nhất trí, hoan nghênh, tán thành, đánh giá cao, "
    "khen, cảm ơn, biết ơn",
    "trust": "tin tưởng, yên tâm, an tâm, kỳ vọng, tin vào, vững tin, đặt niềm tin",
    "wish": "mong muốn, mong, mong mỏi, nguyện vọng, ước, chỉ mong, hy vọng, mong sớm",
    "hesitation": "băn khoăn, thắc mắc, chưa rõ, chưa hiểu, không hiểu, lấn cấn, phân vân, "
    "chưa nắm, mơ hồ",
    "worry": "lo lắng, lo, lo ngại, e ngại, sợ, hoang mang, bất an, thót tim, mất ngủ, "
    "lo sợ, nơm nớp, canh cánh, e dè",
    "anger": "bức xúc, bất bình, phẫn nộ, bực, bực bội, bức bối, phản đối, chịu hết nổi, "
    "không chấp nhận, ai chịu trách nhiệm, kêu trời, búc xúc, bất mãn, gay gắt",
    # who is involved
    "ethnic": "đồng bào, dân tộc thiểu số, người dân tộc, bà con dân tộc, đồng bào dân tộc, "
    "người mông, người h'mông, h'mông, người dao, người thái, người tày, người nùng, "
    "người mường, người chăm, đồng bào mông, đồng bào dao, đồng bào thái, đồng bào chăm, "
    "khơ mú, hà nhì, pà thẻn, ê đê, gia rai, ba na, xơ đăng, cơ tu, bru vân kiều, raglai, "
    "xtiêng, cơ ho, m'nông, sán dìu, sán chay, lô lô, la hủ, khmer, thôn bản, bản làng, "
    "trưởng bản, già làng, plei",
    "religious": "giáo xứ, giáo họ, giáo dân, giáo phận, linh mục, cha xứ, nhà thờ, "
    "chùa, phật tử, nhà sư, sư thầy, trụ trì, hòa thượng, tín đồ, chức sắc, cao đài, "
    "hòa hảo, tin lành, mục sư, hội thánh, thánh thất, tịnh xá, chánh điện, công giáo",
    # what it is about
    "infra": "con đường, tuyến đường, mặt đường, đường liên thôn, đường liên xã, đường làng, "
    "đường giao thông, đường nội đồng, đường vào, đường đất, đường bê tông, đường xuống "
    "cấp, làm đường, mở đường, sửa đường, mở rộng đường, quốc lộ, tỉnh lộ, ổ gà, lầy lội, "
    "cây cầu, cầu treo, cầu tạm, cầu dân sinh, cầu bê tông, cầu sắt, xây cầu, làm cầu, "
    "cầu cống, cống thoát nước, cống rãnh, mất điện, cấp điện, điện lưới, lưới điện, kéo "
    "điện, cột điện, đường dây điện, trạm biến áp, điện sinh hoạt, nước sạch, cấp nước, "
    "mất nước, công trình nước, nước sinh hoạt, đèn chiếu sáng, sóng điện thoại, lõm sóng, "
    "ngầm tràn, bê tông hóa, trải nhựa",
    "land": "thu hồi đất, bồi thường, đền bù, giải phóng mặt bằng, tái định cư, sổ đỏ, "
    "giấy chứng nhận quyền sử dụng đất, tranh chấp đất, lấn chiếm đất, giá đất, đo đạc, "
    "cấp giấy chứng nhận, ranh giới",
    "ethnic_policy": "người có uy tín, chương trình mục tiêu quốc gia, 1719, đặc biệt khó "
    "khăn, chính sách dân tộc, cử tuyển, di cư tự do, tảo hôn, hôn nhân cận huyết, song ngữ, "
    "cán bộ người dân tộc, vùng đồng bào",
    "worship": "thánh lễ, lễ phật đản, phật đản, đại lễ, giảng đạo, truyền đạo, đăng ký "
    "sinh hoạt tôn giáo, tà đạo, đạo lạ, thỉnh vong, an cư kiết hạ, vu lan, lễ giáng sinh, "
    "dâng y, kathina, thờ cúng, lễ chùa, cầu siêu",
    "health": "bệnh viện, trạm y tế, khám chữa bệnh, bảo hiểm y tế, thiếu thuốc, bác sĩ, "
    "dịch bệnh, tiêm chủng, sốt xuất huyết, sởi, ngộ độc",
    "school": "trường học, nhà trường, trường tiểu học, trường mầm non, trường trung học, "
    "đến trường, điểm trường, học sinh, giáo viên, lớp học, bán trú, nội trú, học phí",
    "wages": "nợ lương, chậm lương, tiền lương, trả lương, tăng lương, lương tháng, nợ bảo "
    "hiểm xã hội, chậm đóng bảo hiểm, trợ cấp thôi việc, sa thải",
    "misconduct": "tham ô, ăn chặn, nhận tiền, chiếm đoạt, biển thủ, lợi dụng, sai phạm, "
    "tham nhũng, xà xẻo, rút ruột, vòi tiền, bôi trơn, lạm thu, thu sai",
    # who has to act (after 1 July 2025 the commune is the first stop for household matters,
    # and a denunciation goes to whoever supervises the person denounced)
    "commune_official": "cán bộ xã, cán bộ phường, chủ tịch xã, chủ tịch phường, phó chủ tịch "
    "xã, công chức xã, cán bộ địa chính, địa chính xã, công an xã, trưởng thôn, thôn trưởng, "
    "trưởng ấp, trưởng bản, tổ trưởng tổ dân phố, cán bộ tư pháp, kế toán xã",
    "party_member": "đảng viên, bí thư chi bộ, bí thư, phó bí thư, chi bộ, đảng ủy, cấp ủy, "
    "ủy ban kiểm tra, kỷ luật đảng",
    "commune_matter": "cấp giấy chứng nhận lần đầu, khai sinh, kết hôn, khai tử, hộ tịch, "
    "chứng thực, trường mầm non, trường tiểu học, trường trung học cơ sở, đường thôn, đường "
    "liên thôn, đường nội đồng, đường làng, ngõ xóm, hộ nghèo, cận nghèo, trạm y tế, thu gom "
    "rác, điểm tập kết rác, giấy phép xây dựng nhà ở, hòa giải, bộ phận một cửa, ủy ban nhân "
    "dân xã, ủy ban nhân dân phường, xã, phường",
    "province_matter": "dự án, bảng giá đất, quy hoạch, toàn thành phố, toàn tỉnh, cấp tỉnh, "
    "ủy ban nhân dân tỉnh, ủy ban nhân dân thành phố, giám đốc sở, ban quản lý dự án, bệnh "
    "viện tỉnh, trường trung học phổ thông, khu công nghiệp, đường tỉnh",
    "central": "bộ, chính phủ, quốc hội, trung ương, ngân hàng, cơ quan thuế, cục thuế, "
    "quốc lộ, cao tốc, trạm thu phí, đường sắt, hàng không, nhà mạng, tổng đài, đại sứ "
    "quán, nước ngoài, biên phòng, cảnh sát biển, khí tượng",
    "insurance": "bảo hiểm xã hội, sổ bảo hiểm, chế độ thai sản, chốt sổ, thẻ bảo hiểm y tế, "
    "đóng bảo hiểm, chế độ ốm đau, hưu trí",
    "utility": "mất điện, mất nước, điện lực, công ty điện, công ty cấp nước, nhà máy nước, "
    "đồng hồ nước, tiền nước, cúp điện, cắt điện, áp lực nước",
}


def _with_feeling_phrases(cues: dict[str, str]) -> None:
    """The mood families also hold the guide's feeling phrases of two syllables or more
    (single syllables such as "liệu", "muốn", "hoài" are read in context by
    `moods.voiced_moods` only)."""
    families = {
        "joy": "vui_mung",
        "enthusiasm": "phan_khoi",
        "approval": "dong_tinh",
        "trust": "tin_tuong",
        "wish": "mong_muon",
        "hesitation": "ban_khoan",
        "worry": "lo_lang",
        "anger": "buc_xuc",
    }
    for family, mood in families.items():
        have = {p.strip() for p in cues[family].split(",")}
        more = [p.strip() for p in FEELING_WORDS[mood].split(",") if " " in p.strip()]
        cues[family] += "".join(f", {p}" for p in more if p not in have)


_with_feeling_phrases(CUES)

# Pairs of cue families that make a feature of their own when both occur (who × what).
CUE_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (who, what)
    for who in ("ethnic", "religious")
    for what in (
        "infra",
        "land",
        "health",
        "school",
        "wages",
        "misconduct",
        "ethnic_policy",
        "worship",
    )
) + (("written", "request"), ("written", "report"), ("collective", "wages"))
