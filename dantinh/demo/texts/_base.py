"""The building block of the demo texts: a *topic* is one situation the people talk about.

A topic belongs to one field and one kind, carries the moods that fit its wording, a few
sentence frames with slots (``{dan}``, ``{xa}``, ``{duong}``, ``{so:10-80}``, ``{a|b|c}`` …,
resolved by :mod:`._engine`), what people propose (for recommendations), the competent
authorities, related fields, and when and where it can happen.

Frames start with a lowercase letter when they begin with a common noun: the engine
capitalises sentence starts, and a frame may follow a channel's lead-in ("Qua nắm bắt tại
…, "). A frame starting with ``!`` never takes a lead-in.
"""

from dataclasses import dataclass

HD, TT, KN, KNTC, VV = "hoat_dong", "tam_trang", "kien_nghi", "khieu_nai_to_cao", "vu_viec"

# Mood sets used by many topics (weights with ``*``).
POS = "phan_khoi*2 dong_tinh*2 tin_tuong vui_mung"
POS_HD = "phan_khoi*3 dong_tinh*2 vui_mung -"
NEG = "lo_lang ban_khoan buc_xuc"


@dataclass(slots=True)
class Topic:
    field: str
    kind: str
    moods: tuple
    mood_w: tuple
    texts: tuple
    asks: tuple = ()
    auth: tuple = ()
    sec: tuple = ()
    season: str | None = None
    where: str = "*"
    only: frozenset | None = None
    ch: str | None = None
    hot: float | None = None
    w: float = 1.0
    ctexts: tuple = ()
    casks: tuple = ()


def T(
    field,
    kind,
    moods,
    texts,
    asks=(),
    auth="",
    sec="",
    season=None,
    where="*",
    only=None,
    ch=None,
    hot=None,
    w=1.0,
) -> Topic:
    """Declare a topic. ``moods``, ``auth`` and ``sec`` are space-separated codes; in ``moods``
    ``-`` stands for "no mood" and ``code*3`` weighs a mood three times."""
    codes, weights = [], []
    for token in moods.split():
        code, _, mult = token.partition("*")
        codes.append(None if code == "-" else code)
        weights.append(float(mult) if mult else 1.0)
    if isinstance(texts, str):
        texts = (texts,)
    if isinstance(asks, str):
        asks = (asks,)
    return Topic(
        field=field,
        kind=kind,
        moods=tuple(codes),
        mood_w=tuple(weights),
        texts=tuple(texts),
        asks=tuple(asks),
        auth=tuple(auth.split()),
        sec=tuple(sec.split()),
        season=season,
        where=where,
        only=frozenset(only) if only else None,
        ch=ch,
        hot=hot,
        w=w,
    )
