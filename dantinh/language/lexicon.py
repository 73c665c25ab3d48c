"""Word lists the engine relies on: abbreviations, social-media spellings and stop words.

These are facts about how Vietnamese is written, not rules of any classifier: `normalize` uses
them to bring text to one spelling, `summarize` to skip words that carry no content.
"""

from __future__ import annotations

# Administrative unit abbreviations written before a name: "TP. Hải Phòng", "P.5", "X. Tân Tiến".
UNIT_ABBREVIATIONS: dict[str, str] = {
    "TP": "thành phố", "Tp": "thành phố", "tp": "thành phố",
    "TX": "thị xã", "Tx": "thị xã", "tx": "thị xã",
    "TT": "thị trấn", "Tt": "thị trấn",
    "P": "phường", "p": "phường",
    "Q": "quận", "q": "quận",
    "X": "xã", "x": "xã",
    "H": "huyện", "h": "huyện",
}  # fmt: skip

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
    "k": "không", "ko": "không", "kh": "không", "khg": "không", "kq": "kết quả",
    "hok": "không", "hk": "không", "khum": "không", "kô": "không",
    "dc": "được", "đc": "được", "dk": "được",
    "ng": "người", "ngta": "người ta", "mn": "mọi người", "mng": "mọi người",
    "j": "gì", "ntn": "như thế nào", "z": "vậy", "zậy": "vậy",
    "vs": "với", "cx": "cũng", "cg": "cũng", "trc": "trước", "r": "rồi", "rùi": "rồi",
    "lm": "làm", "ms": "mới", "bjo": "bây giờ", "bgio": "bây giờ", "tl": "trả lời",
    "ck": "chồng", "vk": "vợ", "đt": "điện thoại", "thik": "thích", "iu": "yêu",
    "wa": "qua", "wá": "quá", "nhìu": "nhiều", "bik": "biết", "hum": "hôm",
    "tg": "thời gian", "ae": "anh em", "bt": "bình thường", "kbh": "không bao giờ",
    "nch": "nói chuyện", "tks": "cảm ơn",
    "thanks": "cảm ơn", "thank": "cảm ơn", "uh": "ừ", "uhm": "ừ", "ừm": "ừ",
}  # fmt: skip


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
