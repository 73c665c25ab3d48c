"""Every number opens the items behind it: the overview's recommendations total, the mood
index's change, and an alert's weeks and expected band. For each, role × outcome as the demo's
accounts stand (the city's leader `lanhdao`, the city's compiler `tonghop`, Lê Chân's compiler
`bdv.lechan`, the contact of Lê Chân's people's committee `ubnd.lechan`): the link is there
where the viewer may see the figure, the list it opens holds exactly the items counted (the
same number), and nothing outside the viewer's scope is counted, linked or named."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from dantinh.alerts.models import Alert
from dantinh.intake.models import Field, Item, Kind, Mood
from tests.factories import Role, make_item, member
from tests.insight.test_pages import alert_b  # noqa: F401 (a fixture)
from tests.recommendations.conftest import directory  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewers(world, directory):  # noqa: F811
    return {
        "lanhdao": world.leader,
        "tonghop": member("tonghop", world.province, Role.COMPILER),
        "bdv.lechan": world.compiler_a,
        "ubnd.lechan": directory.contact_a,
    }


def listed(client, url: str) -> tuple[int, set[int]]:
    """The count an item list shows and the ids of the items it lists (one page: the tests'
    lists are short)."""
    html = client.get(url).content.decode()
    shown = re.search(r'<p class="small muted flush">(\d+) thông tin', html)
    assert shown, url
    ids = {int(pk) for pk in re.findall(r'href="/items/(\d+)/"', html)}
    return int(shown.group(1)), ids


def unescape(html: str) -> str:
    return html.replace("&amp;", "&")


# -- the overview's recommendations total ------------------------------------------------------


@pytest.fixture
def grievances(world):
    """The last 30 days: Lê Chân (commune A) a recommendation and a complaint, and a piece of
    public opinion (another kind, not counted); An Hưng (commune B) a recommendation; and a
    recommendation of two months ago in Lê Chân (outside the 30 days)."""
    today = timezone.localdate()
    kinds = {k.code: k for k in Kind.objects.all()}
    a1, a2, b1 = world.village_a1, world.village_a2, world.village_b1
    ra, rb = world.reporter_a, world.reporter_b
    return {
        key: make_item(
            reporter, unit, text, kind=kinds[kind], observed_on=today - dt.timedelta(days)
        )
        for key, reporter, unit, text, kind, days in (
            ("a_rec", ra, a1, "Đề nghị sửa cống tổ 1", "kien_nghi", 0),
            ("a_complaint", ra, a1, "Đơn khiếu nại việc bồi thường tổ 1", "khieu_nai_to_cao", 9),
            ("a_opinion", ra, a2, "Dư luận tổ 2 bàn tán về giá điện", "tam_trang", 3),
            ("b_rec", rb, b1, "Thôn Đông đề nghị nạo vét kênh", "kien_nghi", 2),
            ("a_old", ra, a1, "Đề nghị cũ từ hai tháng trước", "kien_nghi", 60),
        )
    }


@pytest.mark.parametrize(
    "who, counted",
    [
        ("lanhdao", {"a_rec", "a_complaint", "b_rec"}),
        ("tonghop", {"a_rec", "a_complaint", "b_rec"}),
        ("bdv.lechan", {"a_rec", "a_complaint"}),
        ("ubnd.lechan", None),  # a body's contact has no overview: their queue opens instead
    ],
)
def test_the_recommendations_total_opens_exactly_what_it_counts(
    client, viewers, grievances, who, counted
):
    client.force_login(viewers[who])
    response = client.get(reverse("home"))
    if counted is None:
        assert response.status_code == 302
        assert response.url == reverse("recommendations:list")
        return
    html = unescape(response.content.decode())
    card = re.search(
        r'<a class="n" href="(/items/\?[^"]+)">(\d+)</a><span class="l">kiến nghị', html
    )
    assert card, "the total is a link"
    url, total = card.group(1), int(card.group(2))
    assert total == len(counted)
    n, ids = listed(client, url)
    assert n == total
    assert ids == {grievances[key].pk for key in counted}
    # the list says what it filters: both kinds selected, in a list of several
    page = client.get(url).content.decode()
    assert '<select name="kind"' in page and "multiple" in page.split('<select name="kind"')[1][:80]
    # and its two parts still open one kind each, their sum the total
    parts = re.findall(r'<a href="(/items/\?[^"]*kind=\d+[^"]*)">[^<]+: (\d+)</a>', html)
    assert len(parts) == 2 and sum(int(p) for _u, p in parts) == total
    for part_url, part_n in parts:
        assert listed(client, part_url)[0] == int(part_n)


def test_the_item_list_takes_one_kind_as_before(client, world, grievances):
    """One kind still shows as a drop-down of one choice (the filter form's usual look)."""
    client.force_login(world.leader)
    kind = Kind.objects.get(code="khieu_nai_to_cao")
    page = client.get(reverse("intake:item_list"), {"kind": kind.pk}).content.decode()
    select = page.split('<select name="kind"')[1].split("</select>")[0]
    assert "multiple" not in select.split(">")[0]
    assert '<option value="">Tất cả</option>' in select
    assert listed(client, f"{reverse('intake:item_list')}?kind={kind.pk}")[1] == {
        grievances["a_complaint"].pk
    }


def test_the_api_filters_one_kind_by_its_code(client, world, grievances):
    client.force_login(world.leader)
    rows = client.get("/api/v1/items/", {"kind": "khieu_nai_to_cao"}).json()["results"]
    assert [row["id"] for row in rows] == [grievances["a_complaint"].pk]


# -- the mood index's change -------------------------------------------------------------------

# The dashboard's twelve weeks up to 25/11/2026 start on 7/9; the period before them, as long,
# runs from 20/6 to 6/9.
NOW, BEFORE, LONG_AGO = dt.date(2026, 11, 10), dt.date(2026, 8, 1), dt.date(2026, 5, 1)


@pytest.fixture
def moods(world, monkeypatch):
    """Lê Chân (commune A, across its two villages) falls from +33 to −33: now two angry items
    and a glad one (and one without a mood, not counted), before two glad and an angry one;
    An Hưng (commune B) two angry items in each period; in both, an angry item long before
    (in neither period)."""
    from dantinh.insight import dashboard

    monkeypatch.setattr(dashboard, "MIN_MOOD_ITEMS", 3)
    glad, angry = Mood.objects.get(code="vui_mung"), Mood.objects.get(code="buc_xuc")
    a1, a2, b1 = world.village_a1, world.village_a2, world.village_b1
    ra, rb = world.reporter_a, world.reporter_b
    made = {}
    for key, reporter, unit, mood, day in (
        ("a_now_1", ra, a1, angry, NOW),
        ("a_now_2", ra, a2, angry, NOW),
        ("a_now_3", ra, a1, glad, NOW),
        ("a_now_none", ra, a1, None, NOW),
        ("a_before_1", ra, a1, glad, BEFORE),
        ("a_before_2", ra, a2, glad, BEFORE),
        ("a_before_3", ra, a2, angry, BEFORE),
        ("a_long_ago", ra, a1, angry, LONG_AGO),
        ("b_now_1", rb, b1, angry, NOW),
        ("b_now_2", rb, b1, angry, NOW),
        ("b_now_3", rb, b1, angry, NOW),
        ("b_before_1", rb, b1, angry, BEFORE),
        ("b_before_2", rb, b1, angry, BEFORE),
        ("b_before_3", rb, b1, angry, BEFORE),
        ("b_long_ago", rb, b1, angry, LONG_AGO),
    ):
        made[key] = make_item(reporter, unit, f"Tâm trạng {key}", mood=mood, observed_on=day)
    return made


def mood_rows(html: str) -> dict[str, dict]:
    """The mood table's rows by unit name: index, change and count, each with its link."""
    part = unescape(html[html.index('id="mood"') :])
    part = part[: part.index("</section>")]
    rows = {}
    for name, cells in re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a></th>(.*?)</tr>', part):
        links = re.findall(r'<a href="([^"]+)">(?:<span class="up">)?([^<]+)', cells)
        change = links[1] if len(links) == 3 else None  # "–" is no link
        rows[name] = {"index": links[0], "change": change, "n": (links[-1][0], int(links[-1][1]))}
    return rows


@pytest.mark.parametrize(
    "who, expected",
    [
        (
            "lanhdao",
            {
                "Phường Lê Chân": ("-66,6", 3, 3, "a"),
                "Xã An Hưng": ("+0,0", 3, 3, "b"),
            },
        ),
        (
            "tonghop",
            {
                "Phường Lê Chân": ("-66,6", 3, 3, "a"),
                "Xã An Hưng": ("+0,0", 3, 3, "b"),
            },
        ),
        # Lê Chân's compiler compares its villages; too few items in each to rank but none
        # of An Hưng's is counted or named
        ("bdv.lechan", {}),
        ("ubnd.lechan", {}),
    ],
)
def test_a_mood_change_opens_the_items_of_both_periods(client, viewers, moods, who, expected):
    client.force_login(viewers[who])
    response = client.get(reverse("insight_dashboard"))
    html = response.content.decode()
    rows = mood_rows(html) if response.status_code == 200 else {}
    assert set(rows) == set(expected)
    for name, (change, n_now, n_before, prefix) in expected.items():
        row = rows[name]
        assert row["change"][1] == change
        assert row["n"][1] == n_now
        # the index and the count open the period's items with a mood: those counted
        n, ids = listed(client, row["n"][0])
        assert n == n_now and ids == {
            moods[k].pk for k in moods if k.startswith(f"{prefix}_now") and k != "a_now_none"
        }
        assert listed(client, row["index"][0]) == (n, ids)
        # the change opens those of both periods, nothing else
        n, ids = listed(client, row["change"][0])
        assert n == n_now + n_before
        assert ids == {
            moods[k].pk
            for k in moods
            if k.startswith(prefix) and "long_ago" not in k and k != "a_now_none"
        }
    if who != "lanhdao" and who != "tonghop":
        assert "An Hưng" not in html and "b_now" not in html


def test_a_unit_dashboard_compares_its_villages_and_opens_their_items(client, viewers, moods):
    """Lê Chân's compiler, with the threshold at two items, sees its villages: village 1 now
    an angry and a glad item (index 0), before one glad (too few: no change to open); village
    2 now one item (too few to rank). An Hưng's items are in no list."""
    from dantinh.insight import dashboard

    dashboard.MIN_MOOD_ITEMS = 2  # (the fixture's monkeypatch puts it back)
    client.force_login(viewers["bdv.lechan"])
    html = client.get(reverse("insight_dashboard")).content.decode()
    rows = mood_rows(html)
    assert set(rows) == {"Tổ dân phố số 1"}
    row = rows["Tổ dân phố số 1"]
    assert row["change"] is None and row["index"][1] == "0,0"
    n, ids = listed(client, row["n"][0])
    assert n == row["n"][1] == 2 and ids == {moods["a_now_1"].pk, moods["a_now_3"].pk}
    assert "An Hưng" not in html


# -- an alert's weeks and its expected band ----------------------------------------------------


@pytest.fixture
def surge(world):
    """The demo's story in Lê Chân: one or two angry land items a week in the twelve weeks
    before (some also filed under transport, as a secondary field), with, not counted by the
    detector, glad land items and angry transport items that name land as a secondary field;
    then the surge of land grievances last week, and the detectors run."""
    from dantinh.alerts.services import run_detectors
    from dantinh.demo import story
    from dantinh.org.actors import system_actor

    today = dt.date(2026, 11, 25)
    land = Field.objects.get(code="dat_dai")
    transport = Field.objects.get(code="giao_thong_ha_tang")
    angry, glad = Mood.objects.get(code="buc_xuc"), Mood.objects.get(code="vui_mung")
    for week in range(1, 13):
        day = dt.date(2026, 11, 16) - dt.timedelta(weeks=week)
        for n in range(1 + week % 2):
            make_item(
                world.reporter_a,
                world.village_a1,
                f"Tranh chấp đất đai {week}-{n}",
                observed_on=day,
                field=land,
                mood=angry,
                secondary_fields=[transport] if n else [],
            )
        if week % 3 == 0:
            make_item(world.reporter_a, world.village_a2, "Vui vì sổ đỏ", field=land, mood=glad)
            make_item(
                world.reporter_a,
                world.village_a2,
                f"Đường hỏng vì xe chở đất {week}",
                observed_on=day,
                field=transport,
                mood=angry,
                secondary_fields=[land],
            )
    story.add(
        commune=world.commune_a,
        villages=[world.village_a1],
        reporter=world.reporter_a,
        today=today,
        seed=7,
    )
    run_detectors(actor=system_actor(), today=today)
    return Alert.objects.get(unit=world.commune_a, kind="items.negative_surge")


def figure_of(html: str, chart_id: str) -> dict:
    found = re.search(rf'<script id="{chart_id}-data" type="application/json">(.*?)</script>', html)
    assert found
    return json.loads(found.group(1))


@pytest.mark.parametrize(
    "who, status", [("lanhdao", 200), ("tonghop", 200), ("bdv.lechan", 200), ("ubnd.lechan", 404)]
)
def test_an_alerts_weeks_and_band_open_the_items_counted(
    client, world, viewers, surge, who, status
):
    client.force_login(viewers[who])
    response = client.get(reverse("insight_alert", args=[surge.pk]))
    assert response.status_code == status
    if status == 404:  # like a missing alert, and nothing of it shown
        missing = client.get(reverse("insight_alert", args=[surge.pk + 999]))
        assert missing.status_code == 404
        html = response.content.decode()
        assert "items/?" not in html and surge.title not in html
        return
    html = response.content.decode()
    chart = figure_of(html, "evidence-chart")
    band, expected, observed = chart["data"][1], chart["data"][2], chart["data"][3]
    stored = surge.evidence["series"]
    assert observed["y"] == [p["observed"] for p in stored]
    assert band["customdata"] == expected["customdata"]
    for point, week_url, base_url in zip(
        stored, observed["customdata"], band["customdata"], strict=True
    ):
        assert (
            f"unit={world.commune_a.pk}&" in week_url and f"unit={world.commune_a.pk}&" in base_url
        )
        # the week's dot: that week's items, as many as counted
        assert listed(client, week_url)[0] == point["observed"], point["week"]
        # the band: the items of the weeks its model learned from, as many as it learned from
        assert listed(client, base_url)[0] == point["baseline_items"], point["week"]
        # and the table beside the chart links the same lists
        assert f'<a href="{unescape_url(base_url)}">' in html
    # the alert's week: 16 surging items; its band learned from the 16 angry land items of
    # the weeks before, the week just before it left out (the detector's guard week: a surge's
    # first week must not raise the baseline of its second); not the glad ones, nor the
    # transport items that name land second
    n, ids = listed(client, observed["customdata"][-1])
    assert n == surge.evidence["observed"] == 16
    n, ids = listed(client, band["customdata"][-1])
    assert n == stored[-1]["baseline_items"] == 16
    learned = Item.objects.filter(text__startswith="Tranh chấp đất đai").exclude(
        text__startswith="Tranh chấp đất đai 1-"
    )
    assert ids == set(learned.values_list("pk", flat=True))
    dl = unescape(html[html.index('<dl class="meta">') : html.index("</dl>")])
    first = min(learned.values_list("observed_on", flat=True))
    first -= dt.timedelta(days=first.weekday())
    assert (
        f'<a href="{band["customdata"][-1]}">16 thông tin, {first:%d/%m/%Y} – 08/11/2026</a>' in dl
    )


def unescape_url(url: str) -> str:
    return url.replace("&", "&amp;")


def test_a_recommendation_alerts_weeks_list_only_recommendations(client, world, viewers, surge):
    """The surge's items are of several kinds: the recommendations alert (when raised) counts
    only recommendations and complaints, and its lists hold only those."""
    alert = Alert.objects.filter(unit=world.commune_a, kind="items.recommendation_surge").first()
    if alert is None:
        pytest.skip("the story raised no recommendations alert")
    client.force_login(viewers["bdv.lechan"])
    html = client.get(reverse("insight_alert", args=[alert.pk])).content.decode()
    observed = figure_of(html, "evidence-chart")["data"][3]
    for point, url in zip(alert.evidence["series"], observed["customdata"], strict=True):
        assert listed(client, url)[0] == point["observed"]


# -- the dashboard's alert count ---------------------------------------------------------------


@pytest.mark.parametrize(
    "who, sees_b",
    [("lanhdao", True), ("tonghop", True), ("bdv.lechan", False), ("ubnd.lechan", None)],
)
def test_the_dashboards_alert_count_opens_those_alerts(
    client,
    world,
    viewers,
    surge,
    alert_b,  # noqa: F811 (the fixture)
    who,
    sees_b,
):
    """Lê Chân's alerts from the detector, and one in An Hưng: the count opens the alert list
    of the same subtree and weeks, as many alerts as counted."""
    client.force_login(viewers[who])
    html = unescape(client.get(reverse("insight_dashboard")).content.decode())
    tag = re.search(r'id="alerts">[^<]*<a class="tag[^"]*" href="([^"]+)">(\d+)</a>', html)
    if sees_b is None:  # a body's contact sees no alerts
        assert tag is None
        return
    url, n = tag.group(1), int(tag.group(2))
    page = client.get(url).content.decode()
    listed_alerts = {int(pk) for pk in re.findall(r'href="/alerts/(\d+)/"', page)}
    assert len(listed_alerts) == n
    assert (alert_b.pk in listed_alerts) == sees_b
    assert surge.pk in listed_alerts


# -- the field table's change against last year ------------------------------------------------


@pytest.fixture
def land_years(world):
    """Land items in the dashboard's weeks and in the same weeks last year: Lê Chân (commune A)
    three now and two last year (one of them with land only as a secondary field, not
    counted: the dashboard counts the main field), An Hưng (commune B) one now and one last
    year, and a Lê Chân land item outside both windows."""
    today = timezone.localdate()
    last_year = today - dt.timedelta(weeks=52)
    land, roads = Field.objects.get(code="dat_dai"), Field.objects.get(code="giao_thong_ha_tang")
    a1, b1 = world.village_a1, world.village_b1
    ra, rb = world.reporter_a, world.reporter_b
    made = {}
    for key, reporter, unit, field, day in (
        ("a_now_1", ra, a1, land, today),
        ("a_now_2", ra, a1, land, today - dt.timedelta(days=8)),
        ("a_now_3", ra, a1, land, today - dt.timedelta(days=15)),
        ("a_ly_1", ra, a1, land, last_year),
        ("a_ly_2", ra, a1, land, last_year - dt.timedelta(days=8)),
        ("a_ly_secondary", ra, a1, roads, last_year - dt.timedelta(days=1)),
        ("a_outside", ra, a1, land, last_year - dt.timedelta(weeks=20)),
        ("b_now_1", rb, b1, land, today),
        ("b_ly_1", rb, b1, land, last_year),
    ):
        made[key] = make_item(reporter, unit, f"Đất đai {key}", field=field, observed_on=day)
    made["a_ly_secondary"].secondary_fields.add(land)
    return made


def field_change(html: str, name: str) -> tuple[str, str] | None:
    """The field table's change for `name`: (its link, the text shown); None without the
    row or without a link."""
    if 'id="by-field"' not in html:
        return None
    part = unescape(html[html.index('id="by-field"') :])
    part = part[: part.index("</section>")]
    rows = re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a></th>(.*?)</tr>', part, re.S)
    for row_name, cells in rows:
        if row_name == name:
            tds = re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)
            link = re.search(r'<a href="([^"]+)"[^>]*>(?:<span class="up">)?([^<]+)', tds[1])
            return (link.group(1), link.group(2)) if link else None
    return None


@pytest.mark.parametrize(
    "who, expected",
    [
        ("lanhdao", ("+33%", {"a_ly_1", "a_ly_2", "b_ly_1"})),
        ("tonghop", ("+33%", {"a_ly_1", "a_ly_2", "b_ly_1"})),
        ("bdv.lechan", ("+50%", {"a_ly_1", "a_ly_2"})),
        # a body's contact sees no unit's items: no field row, nothing to open
        ("ubnd.lechan", None),
    ],
)
def test_a_fields_change_against_last_year_opens_last_years_items(
    client, viewers, land_years, who, expected
):
    client.force_login(viewers[who])
    response = client.get(reverse("insight_dashboard"))
    html = response.content.decode() if response.status_code == 200 else ""
    row = field_change(html, "Đất đai, thu hồi đất, bồi thường, GPMB") if html else None
    if expected is None:
        assert row is None and "Đất đai" not in html
        return
    assert row is not None
    url, shown = row
    change, keys = expected
    assert shown == change
    n, ids = listed(client, url)
    assert n == len(keys) and ids == {land_years[k].pk for k in keys}
    if who == "bdv.lechan":
        assert "An Hưng" not in html
