"""Composes one demo item: picks a field, kind, topic and mood that fit the date and the place,
then renders the topic's frames with a channel's lead-in, what people propose and a closing
remark. Everything is drawn from the caller's ``random.Random``, so output is reproducible."""

import datetime as dt
import random
import re
import unicodedata
from bisect import bisect
from functools import lru_cache
from itertools import accumulate

from . import _vocab as V
from . import governance, infra, labour, land, living, society
from ._base import HD, KN, KNTC, TT, VV, Topic

VALENCE = {
    "vui_mung": "positive",
    "phan_khoi": "positive",
    "dong_tinh": "positive",
    "tin_tuong": "positive",
    "mong_muon": "neutral",
    "ban_khoan": "negative",
    "lo_lang": "negative",
    "buc_xuc": "negative",
    None: "positive",
}

FIELD_W = {
    "dat_dai": 11,
    "giao_thong_ha_tang": 11,
    "moi_truong": 9,
    "an_sinh_xa_hoi": 8.5,
    "gia_ca_doi_song": 8,
    "thu_tuc_hanh_chinh": 8,
    "an_ninh_trat_tu": 8,
    "lao_dong_viec_lam": 7,
    "y_te": 5.5,
    "nong_nghiep": 5,
    "giao_duc": 4.5,
    "van_hoa_xa_hoi": 4.5,
    "xay_dung_quy_hoach": 4,
    "xay_dung_dang_chinh_quyen": 2.5,
    "kinh_te_doanh_nghiep": 2.5,
    "tham_nhung_tieu_cuc": 1.5,
    "ton_giao_tin_nguong": 1.5,
    "dan_toc": 0.4,
    "khac": 1.0,
}
CLASS_MULT = {
    "Phường": {
        "nong_nghiep": 0.25,
        "xay_dung_quy_hoach": 1.6,
        "an_ninh_trat_tu": 1.2,
        "dat_dai": 0.85,
    },
    "Xã": {"nong_nghiep": 1.5, "xay_dung_quy_hoach": 0.7, "dat_dai": 1.1},
    "Đặc khu": {
        "nong_nghiep": 1.6,
        "kinh_te_doanh_nghiep": 1.8,
        "lao_dong_viec_lam": 0.4,
        "dat_dai": 0.6,
    },
}
SEASON_FIELD_MULT = {
    "bao": {"an_sinh_xa_hoi": 1.3, "nong_nghiep": 1.3, "giao_thong_ha_tang": 1.15},
    "nam_hoc": {"giao_duc": 2.0, "gia_ca_doi_song": 1.1},
    "thi": {"giao_duc": 1.6},
    "tet": {"gia_ca_doi_song": 1.3, "lao_dong_viec_lam": 1.2, "an_sinh_xa_hoi": 1.15},
    "ddk": {"van_hoa_xa_hoi": 1.5},
    "trung_thu": {"van_hoa_xa_hoi": 1.3},
    "sot": {"y_te": 1.3},
    "nong": {"giao_thong_ha_tang": 1.15},
    "27_7": {"an_sinh_xa_hoi": 1.3},
}
SEASON_TOPIC_MULT = {"bao": 3.0}
# Relative weights; fields lacking a kind (few incidents in "khac") pull the shares down a little.
KIND_W = {TT: 40, KN: 35, HD: 15, KNTC: 6.8, VV: 5.8}
TT_POLARITY = (("positive", 0.55), ("negative", 0.40), ("neutral", 0.05))
CHANNEL_W = {
    KN: {
        "doi_thoai_tiep_xuc": 30,
        "cot_can_uy_tin": 20,
        "to_cong_tac": 12,
        "hoi_nghi_kiem_tra_khao_sat": 10,
        "van_ban_bao_cao": 8,
        "bao_chi_mang_xa_hoi": 8,
        "du_luan_xa_hoi": 4,
        "phoi_hop_dan_van": 8,
    },
    TT: {
        "du_luan_xa_hoi": 28,
        "cot_can_uy_tin": 25,
        "to_cong_tac": 10,
        "bao_chi_mang_xa_hoi": 12,
        "hoi_nghi_kiem_tra_khao_sat": 8,
        "doi_thoai_tiep_xuc": 7,
        "phoi_hop_dan_van": 6,
        "van_ban_bao_cao": 4,
    },
    HD: {
        "phoi_hop_dan_van": 30,
        "van_ban_bao_cao": 20,
        "cot_can_uy_tin": 18,
        "to_cong_tac": 10,
        "bao_chi_mang_xa_hoi": 8,
        "hoi_nghi_kiem_tra_khao_sat": 8,
        "du_luan_xa_hoi": 4,
        "doi_thoai_tiep_xuc": 2,
    },
    KNTC: {
        "van_ban_bao_cao": 40,
        "doi_thoai_tiep_xuc": 20,
        "cot_can_uy_tin": 15,
        "to_cong_tac": 10,
        "bao_chi_mang_xa_hoi": 8,
        "hoi_nghi_kiem_tra_khao_sat": 5,
        "du_luan_xa_hoi": 2,
    },
    VV: {
        "van_ban_bao_cao": 30,
        "to_cong_tac": 25,
        "cot_can_uy_tin": 15,
        "bao_chi_mang_xa_hoi": 15,
        "du_luan_xa_hoi": 10,
        "phoi_hop_dan_van": 5,
    },
}
LEAD_P = {
    "bao_chi_mang_xa_hoi": 0.9,
    "du_luan_xa_hoi": 0.5,
    "to_cong_tac": 0.5,
    "van_ban_bao_cao": 0.5,
    "hoi_nghi_kiem_tra_khao_sat": 0.5,
    "doi_thoai_tiep_xuc": 0.5,
    "phoi_hop_dan_van": 0.4,
    "cot_can_uy_tin": 0.3,
}
VERIFIED_P = {
    "van_ban_bao_cao": 0.8,
    "to_cong_tac": 0.75,
    "hoi_nghi_kiem_tra_khao_sat": 0.7,
    "phoi_hop_dan_van": 0.65,
    "doi_thoai_tiep_xuc": 0.55,
    "cot_can_uy_tin": 0.45,
    "du_luan_xa_hoi": 0.2,
    "bao_chi_mang_xa_hoi": 0.25,
}
HOT_DEFAULT = {VV: 0.45, KNTC: 0.05, KN: 0.016, TT: 0.016, HD: 0.025}
TAIL_P = {KN: 0.12, TT: 0.12, HD: 0.2, KNTC: 0.35, VV: 0.6}
ASK_WORDS = ("đề nghị", "kiến nghị", "mong muốn")
# An ask that names who must act takes no authority in front of it.
OWN_SUBJECT = (
    "cơ quan",
    "ngành",
    "chủ đầu tư",
    "đơn vị",
    "doanh nghiệp",
    "thành phố",
    "các cơ quan",
)
TYPES = {"xã": "Xã", "phường": "Phường", "đặc khu": "Đặc khu"}
CAP = {"Xã": "xã", "Phường": "phường", "Đặc khu": "đặc khu"}
ABBR = {"Xã": "X.", "Phường": "P.", "Đặc khu": "ĐK"}
# Two-syllable village names, for projects, churches and communal houses ("cụm công nghiệp Bắc" reads wrong).
_STEMS = [s for s in V.VILLAGE_STEMS if " " in s]
VILLAGE_TYPES = ("tổ dân phố", "khu dân cư", "khu phố", "thôn", "xóm", "khu", "ấp")

TOPICS: list[Topic] = [
    *land.TOPICS,
    *infra.TOPICS,
    *living.TOPICS,
    *labour.TOPICS,
    *governance.TOPICS,
    *society.TOPICS,
]


# ---------------------------------------------------------------------------- seasons

# Mid-autumn festival, Vu Lan, and the first day of the lunar year that follows.
_LUNAR = {
    2024: (dt.date(2024, 9, 17), dt.date(2024, 8, 18), dt.date(2025, 1, 29)),
    2025: (dt.date(2025, 10, 6), dt.date(2025, 9, 6), dt.date(2026, 2, 17)),
    2026: (dt.date(2026, 9, 25), dt.date(2026, 8, 27), dt.date(2027, 2, 6)),
    2027: (dt.date(2027, 9, 15), dt.date(2027, 8, 16), dt.date(2028, 1, 26)),
    2028: (dt.date(2028, 10, 3), dt.date(2028, 9, 3), dt.date(2029, 2, 13)),
}
_WINDOWS = {
    "bao": [((7, 1), (10, 31))],
    "bao_truoc": [((5, 15), (7, 20))],
    "nong": [((5, 20), (8, 10))],
    "he": [((6, 1), (8, 20))],
    "thi": [((6, 1), (7, 5))],
    "thi_kq": [((7, 6), (8, 25))],
    "nam_hoc": [((8, 10), (9, 30))],
    "27_7": [((7, 1), (7, 31))],
    "qk": [((8, 20), (9, 5))],
    "sot": [((7, 15), (11, 30))],
    "thu_hoach": [((5, 25), (6, 25)), ((9, 20), (10, 31))],
    "vai": [((5, 25), (7, 10))],
    "ddk": [((10, 20), (11, 20))],
    "20_11": [((11, 1), (11, 22))],
    "thuong": [((10, 15), (1, 31))],
    "hai_cap": [((6, 15), (7, 31))],
    "an_cu": [((5, 30), (8, 31))],
    "le_hoi_thu": [((9, 1), (10, 31))],
    "ret": [((11, 15), (2, 28))],
}


def _in_window(md, start, end):
    return start <= md <= end if start <= end else (md >= start or md <= end)


@lru_cache(maxsize=2048)
def active_seasons(on: dt.date) -> frozenset:
    md = (on.month, on.day)
    found = {name for name, wins in _WINDOWS.items() if any(_in_window(md, s, e) for s, e in wins)}
    moon, vu_lan, _ = _LUNAR.get(on.year, (dt.date(on.year, 9, 20), dt.date(on.year, 8, 25), None))
    if -20 <= (on - moon).days <= 3:
        found.add("trung_thu")
    if -14 <= (on - vu_lan).days <= 3:
        found.add("vu_lan")
    if on.month >= 11:
        found.add("tet")
    elif on.month <= 2:
        tet = _LUNAR.get(on.year - 1, (None, None, dt.date(on.year, 2, 5)))[2]
        if on <= tet + dt.timedelta(days=8):
            found.add("tet")
    return frozenset(found)


# ---------------------------------------------------------------------------- templates

_SLOT = re.compile(r"\{([^{}]*)\}")
_NUM = re.compile(r"^(?:(so|tr|ha|m):)?(\d+)-(\d+)$")


def _fmt_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _num_slot(kind, lo, hi):
    def draw(ctx):
        n = ctx.rng.randint(lo, hi)
        if hi >= 5000:
            n = round(n, -2)
        elif hi >= 500 and kind != "so":
            n = round(n, -1)
        if kind == "so":
            if ctx.scale is None:
                ctx.scale = n
            return _fmt_int(n)
        if kind == "tr":
            return (
                f"{n / 1000:.1f}".replace(".", ",").replace(",0", "") + " tỷ đồng"
                if n >= 1000
                else f"{_fmt_int(n)} triệu đồng"
            )
        if kind == "ha":
            return f"{n / 10:.1f}".replace(".", ",").replace(",0", "") + " ha"
        if kind == "m":
            return f"{_fmt_int(n)} m"
        return _fmt_int(n)

    return draw


def _slot_fn(name: str):
    if "|" in name:
        options = tuple(name.split("|"))
        return lambda ctx: ctx.rng.choice(options)
    m = _NUM.match(name)
    if m:
        kind, lo, hi = m.group(1), int(m.group(2)), int(m.group(3))
        if kind == "ha":
            lo, hi = lo * 10, hi * 10
        return _num_slot(kind, lo, hi)
    try:
        return SLOTS[name]
    except KeyError:
        raise ValueError(f"unknown slot {{{name}}}") from None


def compile_template(s: str):
    """A frame becomes (takes_lead_in, parts); parts are strings or slot functions."""
    s = unicodedata.normalize("NFC", s)
    takes_lead = not s.startswith("!")
    s = s.lstrip("!")
    parts, pos = [], 0
    for m in _SLOT.finditer(s):
        if m.start() > pos:
            parts.append(s[pos : m.start()])
        parts.append(_slot_fn(m.group(1)))
        pos = m.end()
    if pos < len(s):
        parts.append(s[pos:])
    return takes_lead, tuple(parts)


def _render(parts, ctx) -> str:
    return "".join(p if p.__class__ is str else p(ctx) for p in parts)


# ---------------------------------------------------------------------------- context and slots


class _Ctx:
    __slots__ = (
        "rng",
        "on",
        "name",
        "ctype",
        "cap",
        "village",
        "vstem",
        "hd",
        "city",
        "mood",
        "placed",
        "vsaid",
        "scale",
        "field",
    )

    def __init__(self, rng, on, name, ctype, village, city):
        self.rng, self.on, self.name, self.ctype, self.city = rng, on, name, ctype, city
        self.cap = CAP[ctype]
        self.village, self.vstem = _split_village(village, ctype)
        self.hd = name in V.HAI_DUONG
        self.mood = None
        self.placed = False
        self.vsaid = False  # the village was named without its commune
        self.scale = None
        self.field = None


def _split_village(village, ctype):
    if not village:
        return None, None
    v = " ".join(village.split())
    low = v.lower()
    for prefix in VILLAGE_TYPES:
        if low.startswith(prefix + " "):
            return prefix + v[len(prefix) :], v[len(prefix) + 1 :]
    default = {"Phường": "tổ dân phố", "Xã": "thôn", "Đặc khu": "khu dân cư"}[ctype]
    return f"{default} {v}", v


def _commune(ctx) -> str:
    if ctx.placed and ctx.rng.random() < 0.4:
        return ctx.cap
    ctx.placed = True
    if ctx.ctype != "Đặc khu" and ctx.rng.random() < 0.1:
        return f"{ABBR[ctx.ctype]} {ctx.name}"
    return f"{ctx.cap} {ctx.name}"


def _full_commune(ctx) -> str:
    ctx.placed = True
    if ctx.ctype != "Đặc khu" and ctx.rng.random() < 0.1:
        return f"{ABBR[ctx.ctype]} {ctx.name}"
    return f"{ctx.cap} {ctx.name}"


def _place(ctx) -> str:
    if ctx.placed:
        if ctx.village and ctx.rng.random() < 0.6:
            return ctx.village
        return f"địa bàn {ctx.cap}"
    c = _full_commune(ctx)
    if ctx.village and not ctx.vsaid:
        r = ctx.rng.random()
        if r < 0.55:
            return f"{ctx.village}, {c}"
        if r < 0.7:
            return f"{ctx.village} ({c})"
    return c


def _dan(ctx) -> str:
    rng = ctx.rng
    if ctx.placed:
        return rng.choice(("Nhân dân", "Nhân dân", "người dân", "bà con", "nhiều người dân"))
    who = rng.choice(
        (
            "Nhân dân",
            "Nhân dân",
            "Nhân dân",
            "một số hộ dân",
            "nhiều hộ dân ở",
            "người dân",
            "bà con",
            "cử tri",
        )
    )
    return f"{who} {_place(ctx)}"


def _tai(ctx) -> str:
    rng = ctx.rng
    if ctx.placed:
        return rng.choice(("trên địa bàn", "tại địa phương", "ở địa phương"))
    r = rng.random()
    if r < 0.2:
        return f"trên địa bàn {_full_commune(ctx)}"
    return ("tại " if r < 0.7 else "ở ") + _place(ctx)


def _thon(ctx) -> str:
    if ctx.village:
        if not ctx.placed and ctx.rng.random() < 0.5:
            return _place(ctx)
        ctx.vsaid = True
        return ctx.village
    if ctx.rng.random() < 0.5:
        return f"{_thon2(ctx)}, {_full_commune(ctx)}"
    return _full_commune(ctx)


def _thon2(ctx) -> str:
    rng = ctx.rng
    if ctx.ctype == "Phường":
        return f"tổ dân phố số {rng.randint(1, 15)}"
    return "thôn " + rng.choice(V.VILLAGE_STEMS)


def _tat(ctx) -> str:
    c = f"{ABBR[ctx.ctype]} {ctx.name}" if ctx.ctype != "Đặc khu" else f"Đặc khu {ctx.name}"
    ctx.placed = True
    if not ctx.village:
        return c
    v = ctx.village.replace("tổ dân phố", "TDP").replace("khu dân cư", "KDC")
    return ctx.rng.choice((f"{v} ({c})", f"{c}, {v}", f"{v} – {c}"))


def _lang(ctx) -> str:
    s = ctx.vstem
    if s and not s[0].isdigit() and not s.startswith("số"):
        return s.rstrip("0123456789 ")
    return ctx.rng.choice(_STEMS)


def _duong(ctx) -> str:
    rng = ctx.rng
    if ctx.ctype == "Đặc khu":
        return rng.choice(
            ("đường xuyên đảo", "đường trục đặc khu", "đường ven biển", "đường liên thôn")
        )
    if ctx.ctype == "Phường" and rng.random() < 0.65:
        return rng.choice(V.ROADS_HD_URBAN if ctx.hd else V.ROADS_HP_URBAN)
    if ctx.ctype == "Xã" and rng.random() < 0.5:
        return rng.choice(V.ROADS_RURAL)
    return rng.choice(V.ROADS_HD if ctx.hd else V.ROADS_HP)


def _duong_lang(ctx) -> str:
    if ctx.ctype == "Phường":
        return ctx.rng.choice(("đường ngõ", "đường nội bộ khu dân cư", "ngõ phố"))
    return ctx.rng.choice(("đường ngõ xóm", "đường liên thôn", "đường trục thôn", "đường nội đồng"))


def _song(ctx) -> str:
    return ctx.rng.choice(V.RIVERS_HD if ctx.hd else V.RIVERS_HP)


def _cty(ctx) -> str:
    rng = ctx.rng
    if rng.random() < 0.45:
        return "Công ty TNHH " + rng.choice(V.COMPANY_FDI)
    return rng.choice(("Công ty TNHH ", "Công ty CP ", "Công ty TNHH ")) + rng.choice(V.COMPANY_VN)


def _kcn(ctx) -> str:
    return ctx.rng.choice(("KCN ", "Khu công nghiệp ")) + ctx.rng.choice(V.KCN_NAMES)


def _du_an_gt(ctx) -> str:
    rng = ctx.rng
    r = rng.random()
    if r < 0.3:
        return f"dự án đường trục liên xã {rng.choice(_STEMS)} – {rng.choice(_STEMS)}"
    if r < 0.5:
        return "dự án mở rộng " + rng.choice(V.ROADS_HD if ctx.hd else V.ROADS_HP)
    if r < 0.65:
        return "dự án đường ven " + _song(ctx)
    if r < 0.75:
        return "dự án tuyến đường sắt Lào Cai – Hà Nội – Hải Phòng"
    if r < 0.88:
        return f"dự án cầu {rng.choice(_STEMS)} bắc qua {_song(ctx)}"
    return "dự án nút giao " + rng.choice(V.ROADS_HD if ctx.hd else V.ROADS_HP)


def _du_an(ctx) -> str:
    rng = ctx.rng
    r = rng.random()
    if r < 0.45:
        return _du_an_gt(ctx)
    if r < 0.6:
        return "dự án khu đô thị mới " + rng.choice(V.KDT_NAMES)
    if r < 0.75:
        return "dự án " + _kcn(ctx).replace("KCN", "khu công nghiệp").replace("Khu", "khu")
    if r < 0.85:
        return "dự án khu tái định cư " + _lang(ctx)
    if r < 0.93:
        return "dự án cụm công nghiệp " + rng.choice(_STEMS)
    return (
        "dự án nhà ở xã hội "
        + rng.choice(V.KDT_NAMES).split()[0]
        + " "
        + rng.choice(("Xanh", "Mới", "Phát"))
    )


def _cho(ctx) -> str:
    r = ctx.rng.random()
    if r < 0.45:
        return "chợ " + ctx.name
    if r < 0.7:
        return "chợ " + _lang(ctx)
    return "các chợ dân sinh " + (
        "trên địa bàn" if ctx.placed else "trên địa bàn " + _full_commune(ctx)
    )


def _truong(ctx) -> str:
    rng = ctx.rng
    level = rng.choice(("Tiểu học", "THCS", "Mầm non", "Tiểu học", "THCS", "THPT"))
    return f"Trường {level} {ctx.name if rng.random() < 0.6 else _lang(ctx)}"


def _chung_cu(ctx) -> str:
    rng = ctx.rng
    if rng.random() < 0.5:
        return f"khu chung cư cũ {rng.choice(V.TDP_STEMS)}"
    return f"chung cư {rng.choice(V.KDT_NAMES)} tòa {rng.choice('ABC')}{rng.randint(1, 6)}"


def _bao(ctx) -> str:
    on = ctx.on
    n = 2 + max(0, on.month - 7) * 2 + (on.day > 15) if on.month >= 7 else 1
    return ctx.rng.choice(("bão số ", "cơn bão số ", "bão số ")) + str(min(n, 12))


def _ngay(ctx, lo, hi):
    d = ctx.on + dt.timedelta(days=ctx.rng.randint(lo, hi))
    return f"ngày {d.day}/{d.month}"


def _month_name(d: dt.date) -> str:
    return f"tháng {d.month}"


def _tg_hai_cap(ctx) -> str:
    months = (ctx.on.year - 2025) * 12 + ctx.on.month - 7
    if months < 1:
        return "sau khi vận hành chính quyền địa phương hai cấp"
    if 11 <= months <= 12:
        return "sau một năm vận hành chính quyền địa phương hai cấp"
    if months > 12:
        return "sau hơn một năm vận hành chính quyền địa phương hai cấp"
    return f"sau {months} tháng vận hành chính quyền địa phương hai cấp"


def _le_cg(ctx) -> str:
    return {
        6: "Thánh Tâm Chúa Giêsu",
        8: "Đức Mẹ Lên Trời",
        10: "Đức Mẹ Mân Côi",
        11: "Các Thánh Tử đạo Việt Nam",
        12: "Giáng sinh",
    }.get(ctx.on.month, "bổn mạng giáo xứ")


def _cam(ctx) -> str:
    return ctx.rng.choice(V.MOOD_WORDS.get(ctx.mood) or V.MOOD_WORDS["phan_khoi"])


SLOTS = {
    "dan": _dan,
    "tai": _tai,
    "noi": _place,
    "xa": _commune,
    "thon": _thon,
    "thon2": _thon2,
    "tat": _tat,
    "ten_xa": lambda c: c.name,
    "cap_xa": lambda c: c.cap,
    "tp": lambda c: c.city,
    "ubnd": lambda c: "UBND " + (c.cap if c.placed else _full_commune(c)),
    "truong_thon": lambda c: {"Xã": "trưởng thôn", "Phường": "tổ trưởng tổ dân phố"}.get(
        c.ctype, "trưởng thôn, khu dân cư"
    ),
    "lang": _lang,
    "doan_the": lambda c: c.rng.choice(V.FRONT_BODIES),
    "duong": _duong,
    "duong_lang": _duong_lang,
    "song": _song,
    "cty": _cty,
    "kcn": _kcn,
    "ccn": lambda c: "cụm công nghiệp " + c.rng.choice(_STEMS),
    "kdt": lambda c: "khu đô thị " + c.rng.choice(V.KDT_NAMES),
    "chung_cu": _chung_cu,
    "du_an": _du_an,
    "du_an_gt": _du_an_gt,
    "cho": _cho,
    "truong": _truong,
    "giao_xu": lambda c: c.rng.choice(("giáo xứ ", "giáo xứ ", "giáo họ ")) + _lang(c),
    "chua": lambda c: "chùa " + c.rng.choice(V.PAGODAS),
    "cs_o_nhiem": lambda c: c.rng.choice(V.POLLUTERS) if c.rng.random() < 0.75 else _cty(c),
    "cong_trinh": lambda c: c.rng.choice(V.PUBLIC_WORKS),
    "cay": lambda c: c.rng.choice(V.CROPS),
    "vu": lambda c: "mùa" if c.on.month >= 7 else "xuân",
    "bao": _bao,
    "ngay": lambda c: _ngay(c, -12, -1),
    "ngay_toi": lambda c: _ngay(c, 3, 20),
    "thang": lambda c: _month_name(c.on),
    "thang_truoc": lambda c: _month_name(c.on.replace(day=1) - dt.timedelta(days=1)),
    "nam": lambda c: str(c.on.year),
    "nam_truoc": lambda c: str(c.on.year - 1),
    "tg_hai_cap": _tg_hai_cap,
    "le_cg": _le_cg,
    "cam": _cam,
}


# ---------------------------------------------------------------------------- pools


def _where_ok(where: str, ctype: str, coastal: bool) -> bool:
    for tag in where.split():
        if tag == "*":
            continue
        if tag == "dt" and ctype != "Phường":
            return False
        if tag == "nt" and ctype == "Phường":
            return False
        if tag == "xa" and ctype != "Xã":
            return False
        if tag == "dk" and ctype != "Đặc khu":
            return False
        if tag == "dat" and ctype == "Đặc khu":
            return False
        if tag == "bien" and not coastal:
            return False
    return True


def _weighted(items):
    items = [(x, w) for x, w in items if w > 0]
    return [x for x, _ in items], list(accumulate(w for _, w in items))


def _pick(rng, pool):
    values, cum = pool
    return values[bisect(cum, rng.random() * cum[-1])]


class _FieldPool:
    __slots__ = ("kinds", "by_kind", "tt")

    def __init__(self, topics):
        self.by_kind = {}
        for kind in KIND_W:
            chosen = [(t, w) for t, w in topics if t.kind == kind]
            if chosen:
                self.by_kind[kind] = _weighted(chosen)
        self.kinds = _weighted((k, KIND_W[k]) for k in self.by_kind)
        self.tt = {}
        for pol, _ in TT_POLARITY:
            chosen = [(t, w) for t, w in topics if t.kind == TT and VALENCE[t.moods[0]] == pol]
            if chosen:
                self.tt[pol] = _weighted(chosen)


@lru_cache(maxsize=4096)
def _pools(ctype: str, coastal: bool, special: str, seasons: frozenset):
    by_field: dict[str, list] = {}
    for t in TOPICS:
        if t.season is not None:
            if t.season not in seasons:
                continue
            w = t.w * SEASON_TOPIC_MULT.get(t.season, 2.5)
        else:
            w = t.w
        if t.only is not None and special not in t.only:
            continue
        if not _where_ok(t.where, ctype, coastal):
            continue
        by_field.setdefault(t.field, []).append((t, w))
    fields = {f: _FieldPool(ts) for f, ts in by_field.items()}
    weights = []
    for f in fields:
        w = FIELD_W[f] * CLASS_MULT.get(ctype, {}).get(f, 1.0)
        for s in seasons:
            w *= SEASON_FIELD_MULT.get(s, {}).get(f, 1.0)
        weights.append((f, w))
    return _weighted(weights), fields


for _t in TOPICS:
    _t.ctexts = tuple(compile_template(s) for s in _t.texts)
    _t.casks = tuple(compile_template(s)[1] for s in _t.asks)
_LEADS = {ch: tuple(compile_template(s)[1] for s in leads) for ch, leads in V.LEADS.items()}
_POLICE_LEAD = compile_template(V.POLICE_LEAD)[1]
_TAILS = {k: tuple(compile_template(s)[1] for s in v) for k, v in V.TAILS.items()}
_AUTH = {k: tuple(compile_template(s)[1] for s in v) for k, v in V.AUTHORITY_PHRASES.items()}
_CHANNELS = {k: _weighted(v.items()) for k, v in CHANNEL_W.items()}
_TT_POL = _weighted(TT_POLARITY)


# ---------------------------------------------------------------------------- items

_CAPS = re.compile(r"([.!?]\s+)(\w)")
_SPACES = re.compile(r"\s+")


def _finish(text: str) -> str:
    text = _SPACES.sub(" ", text).strip().replace(" ,", ",").replace(" .", ".").replace("..", ".")
    text = _CAPS.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    return text[:1].upper() + text[1:]


def _slug(text: str, words: int = 9) -> str:
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    tokens = re.findall(r"[a-z0-9]+", s)
    return "-".join(tokens[:words])


def _source_url(rng, text, lead, ctx) -> str:
    r = rng.random()
    if "Facebook" in lead or "Zalo" in lead:
        r = 0.6
    elif "TikTok" in lead:
        r = 0.85
    elif "trang tin" in lead or "báo chí" in lead:
        r = 0.2
    if r < 0.5:
        site = rng.choice(V.NEWS_SITES)
        section = rng.choice(("xa-hoi", "thoi-su", "dan-sinh", "ban-doc", "doi-song", "phap-luat"))
        return f"https://{site}/{section}/{_slug(text)}-{rng.randint(100000, 999999)}.html"
    if r < 0.8:
        group = rng.choice(V.FB_GROUPS) + _slug(ctx.name, 4).replace("-", "")
        return f"https://www.facebook.com/groups/{group}/posts/{rng.randint(10**15, 10**16 - 1)}"
    if r < 0.92:
        handle = rng.choice(("tinnong", "camera", "review", "nhipsong", "doisong")) + _slug(
            ctx.name, 4
        ).replace("-", "")
        return f"https://www.tiktok.com/@{handle}{rng.randint(10, 999)}/video/{rng.randint(7 * 10**18, 7 * 10**18 + 10**17)}"
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "https://www.youtube.com/watch?v=" + "".join(rng.choice(alphabet) for _ in range(11))


def _authority(rng, topic, kind, mood):
    if kind in (KN, KNTC, VV) or (
        kind == TT and VALENCE[mood] == "negative" and rng.random() < 0.3
    ):
        if not topic.auth:
            return "ubnd_xa" if kind != TT else None
        weights = [3, 2] + [1] * (len(topic.auth) - 2)
        return _pick(rng, _weighted(zip(topic.auth, weights, strict=False)))
    return None


def _auth_phrase(rng, authority, field, text):
    key = authority
    if authority == "dien_nuoc" and "nước" in text and "điện" not in text:
        key = "dien_nuoc/nuoc"
    elif authority == "mttq_doan_the" and field == "lao_dong_viec_lam":
        key = "mttq_doan_the/cd"
    return rng.choice(_AUTH.get(key) or _AUTH["khac"])


def _norm_type(commune_type: str) -> str:
    return TYPES.get(commune_type.strip().lower(), "Xã")


def generate_item(
    rng: random.Random,
    *,
    on: dt.date,
    commune: str,
    commune_type: str,
    village: str | None,
    city: str = "Hải Phòng",
) -> dict:
    ctype = _norm_type(commune_type)
    name = commune.strip()
    if name.lower().startswith(ctype.lower() + " "):
        name = name[len(ctype) + 1 :]
    ctx = _Ctx(rng, on, name, ctype, village, city)
    seasons = active_seasons(on)
    special = name if name in V.SPECIAL else ""
    field_pool, fields = _pools(ctype, ctype == "Đặc khu" or name in V.COASTAL, special, seasons)

    field = _pick(rng, field_pool)
    fp = fields[field]
    kind = _pick(rng, fp.kinds)
    pool = fp.by_kind[kind]
    if kind == TT:
        pool = fp.tt.get(_pick(rng, _TT_POL), pool)
    topic = _pick(rng, pool)

    if kind == KN and rng.random() < 0.5:
        mood = "mong_muon"
    elif kind == KNTC and rng.random() < 0.1:
        mood = "mong_muon"
    else:
        mood = _pick(rng, (topic.moods, list(accumulate(topic.mood_w))))
    channel = topic.ch or _pick(rng, _CHANNELS[kind])
    authority = _authority(rng, topic, kind, mood)
    ctx.mood, ctx.field = mood, field

    index = rng.randrange(len(topic.ctexts))
    takes_lead, body_parts = topic.ctexts[index]
    lead = ""
    if takes_lead and topic.ch is None and rng.random() < LEAD_P[channel]:
        if channel == "van_ban_bao_cao" and field == "an_ninh_trat_tu" and rng.random() < 0.6:
            lead = _render(_POLICE_LEAD, ctx)
        else:
            lead = _render(rng.choice(_LEADS[channel]), ctx)
    body = _render(body_parts, ctx)
    sentences = [lead + body]

    low = body.lower()
    if (
        kind == KN
        and mood in V.MOOD_SENTENCES
        and rng.random() < 0.35
        and V.MOOD_WORDS[mood][0] not in low
    ):
        sentences.append(rng.choice(V.MOOD_SENTENCES[mood]))
    wants_ask = (kind == KN) or (kind in (KNTC, VV) and rng.random() < 0.25)
    if wants_ask and topic.casks and not any(w in low for w in ASK_WORDS):
        ask_lead = rng.choice(V.ASK_LEADS["mong_muon" if mood == "mong_muon" else None])
        casks = topic.casks
        ask = _render(casks[index] if len(casks) == len(topic.ctexts) else rng.choice(casks), ctx)
        if authority and not ask.startswith(OWN_SUBJECT) and rng.random() < 0.45:
            ask = _render(_auth_phrase(rng, authority, field, low), ctx) + " " + ask
        sentences.append(f"{ask_lead} {ask}.")
    if len(sentences) + body.count(". ") < 4 and rng.random() < TAIL_P[kind]:
        key = kind if kind not in (TT, HD) else kind + ("-" if VALENCE[mood] == "negative" else "+")
        if kind == TT and mood == "mong_muon":
            key = "tam_trang-"
        sentences.append(_render(rng.choice(_TAILS[key]), ctx))

    raw = " ".join(sentences)
    if name not in raw:
        if lead:
            prefix = rng.choice(("Trên địa bàn {0} {1}, ", "{0} {1}: "))
            raw = raw[:1].lower() + raw[1:]
        else:
            prefix = rng.choice(("Tại {0} {1}, ", "Trên địa bàn {0} {1}, ", "{0} {1}: "))
        raw = prefix.format(ctx.cap, name) + raw
    text = _finish(raw)

    if kind == VV and ctx.scale is None:
        ctx.scale = rng.randint(2, 12) * 10
    secondary = [s for s in topic.sec if s != field and rng.random() < 0.75]
    hot = topic.hot if topic.hot is not None else HOT_DEFAULT[kind]
    if ctx.scale and ctx.scale >= 300:
        hot = max(hot, 0.4)
    notable = rng.random() < hot
    verification = "verified" if rng.random() < VERIFIED_P[channel] else "unverified"
    return {
        "text": text,
        "field": field,
        "secondary_fields": secondary,
        "kind": kind,
        "mood": mood,
        "channel": channel,
        "authority": authority,
        "scale": ctx.scale,
        "verification": verification,
        "source_url": _source_url(rng, body, lead, ctx) if channel == "bao_chi_mang_xa_hoi" else "",
        "notable": notable,
    }


# ---------------------------------------------------------------------------- villages


def village_names(rng: random.Random, commune_type: str, n: int) -> list[str]:
    """``n`` distinct names of villages or residential groups for a commune of that type."""
    ctype = _norm_type(commune_type)
    names: list[str] = []
    if n <= 0:
        return names
    style = rng.random()
    if ctype == "Phường":
        if style < 0.5:
            names = [f"Tổ dân phố số {i}" for i in range(1, n + 1)]
        elif style < 0.85:
            stems = rng.sample(
                V.TDP_STEMS, k=min(len(V.TDP_STEMS), max(1, -(-n // rng.randint(3, 6))))
            )
            per = -(-n // len(stems))
            names = [f"Tổ dân phố {s} {i}" for s in stems for i in range(1, per + 1)]
        else:
            names = [f"Tổ dân phố {s}" for s in rng.sample(V.TDP_STEMS, k=min(n, len(V.TDP_STEMS)))]
    elif ctype == "Xã":
        if style < 0.25:
            names = [f"Thôn {i}" for i in range(1, n + 1)]
        else:
            stems = rng.sample(V.VILLAGE_STEMS, k=min(n, len(V.VILLAGE_STEMS)))
            names = [f"Thôn {s}" for s in stems]
            if n > len(stems):
                names += [f"Thôn {s} {i}" for i in (2, 3, 4) for s in stems]
    else:
        named = rng.sample(V.ISLAND_STEMS, k=min(len(V.ISLAND_STEMS), n // 2))
        names = [f"Thôn {s}" for s in named]
        word = rng.choice(("Khu dân cư số", "Tổ dân phố số"))
        names += [f"{word} {i}" for i in range(1, n - len(names) + 1)]
    seen: dict[str, None] = dict.fromkeys(names)
    k = 1
    while len(seen) < n:
        seen.setdefault(f"Khu dân cư số {k}", None)
        k += 1
    return list(seen)[:n]
