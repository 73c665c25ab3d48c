"""The dashboard, the map and the alert pages against a table of roles × outcomes: each shows
only the viewer's subtree, a unit or alert outside it is a 404 like a missing one, anonymous
visitors go to the login page; every figure links to the items behind it."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from dantinh.alerts import services as alert_services
from dantinh.alerts.models import Alert
from dantinh.intake.models import Field
from dantinh.org.actors import system_actor
from dantinh.reporting.models import Notification
from tests.factories import make_unit

pytestmark = pytest.mark.django_db
MISSING = 999_999


def login(client, world, who):
    if who:
        client.force_login(getattr(world, who))
    return client


@pytest.fixture
def alert_b(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        alert, _ = alert_services.raise_alert(
            actor=system_actor(),
            unit=world.commune_b,
            kind="items.negative_surge",
            key="field:1/negative",
            window_start=dt.date(2026, 11, 16),
            window_end=dt.date(2026, 11, 22),
            params={"field": "Nông nghiệp"},
            evidence={
                "observed": 9,
                "expected": 2.1,
                "field_id": Field.objects.get(code="nong_nghiep").pk,
                "valence": "negative",
                "series": [
                    {
                        "week": "2026-W46",
                        "start": "2026-11-09",
                        "observed": 2,
                        "expected": 2.0,
                        "lower": 0,
                        "upper": 5,
                    },
                    {
                        "week": "2026-W47",
                        "start": "2026-11-16",
                        "observed": 9,
                        "expected": 2.1,
                        "lower": 0,
                        "upper": 5,
                    },
                ],
            },
        )
    return alert


@pytest.mark.parametrize(
    "who, sees_a, sees_b",
    [
        ("reporter_a", True, False),
        ("compiler_a", True, False),
        ("reporter_b", False, True),
        ("area_officer", False, True),
        ("leader", True, True),
        ("admin", True, True),
        ("outsider", False, False),
    ],
)
def test_dashboard_shows_the_subtree_only(client, world, items, who, sees_a, sees_b):
    html = login(client, world, who).get(reverse("insight_dashboard")).content.decode()
    assert ("Phường Lê Chân" in html) == sees_a
    assert ("Xã An Hưng" in html) == sees_b
    assert ("Giao thông" in html) == sees_a  # commune A's item is about transport


def test_dashboard_figures_open_their_items(client, world, items):
    html = login(client, world, "leader").get(reverse("insight_dashboard")).content.decode()
    links = set(re.findall(r'href="(/items/\?[^"]+)"', html))
    assert links, "no figure links to the items"
    # Every link lists exactly items the figure counted: the heat-map cell of commune B × agriculture.
    field_b = Field.objects.get(code="nong_nghiep").pk
    cell = next(
        link.replace("&amp;", "&")
        for link in links
        if f"unit={world.commune_b.pk}&" in link.replace("&amp;", "&")
        and f"field={field_b}" in link
    )
    listing = client.get(cell).content.decode()
    assert "giá phân bón" in listing and "giải phóng mặt bằng" not in listing


@pytest.mark.parametrize(
    "who, status",
    [
        ("leader", 200),
        ("admin", 200),
        ("compiler_b", 200),
        ("reporter_b", 200),
        ("area_officer", 200),
        ("compiler_a", 404),
        ("reporter_a", 404),
        ("outsider", 404),
        (None, 302),
    ],
)
def test_dashboard_of_a_unit_and_its_map(client, world, items, who, status):
    client = login(client, world, who)
    for name in ("insight_dashboard", "insight_map"):
        response = client.get(reverse(name), {"unit": world.commune_b.pk})
        assert response.status_code == status, name
    if who:
        missing = client.get(reverse("insight_dashboard"), {"unit": MISSING})
        assert missing.status_code == 404


def chart_in(html: str, chart_id: str) -> dict:
    """The figure a page hands to plotly.js (json_script beside the chart's box)."""
    assert f'data-chart="{chart_id}-data"' in html, "no box for the chart"
    found = re.search(rf'<script id="{chart_id}-data" type="application/json">(.*?)</script>', html)
    assert found, "no figure for the chart"
    return json.loads(found.group(1))


def test_weekly_chart_carries_the_figures_and_their_links(client, world, items):
    """The chart's bars are the table's counts, and a click on a bar opens the same list as
    the table's link."""
    html = login(client, world, "leader").get(reverse("insight_dashboard")).content.decode()
    figure = chart_in(html, "weekly-chart")
    bars = figure["data"][0]
    assert bars["type"] == "bar" and sum(bars["y"]) == 2
    assert len(bars["x"]) == 12  # the default period
    assert figure["layout"]["separators"] == ",."
    assert figure["download"]["filename"] == "dantinh-theo-tuan"
    table = html[html.index("<details>") :]
    table = table[: table.index("</details>")].replace("&amp;", "&")
    for url, n in zip(bars["customdata"], bars["y"], strict=True):
        assert url.startswith("/items/?")
        assert f'<a href="{url}">{n}</a>' in table
    last_year = figure["data"][1]
    for url, n in zip(last_year["customdata"], last_year["y"], strict=True):
        assert f'<a href="{url}">{n}</a>' in table  # nothing last year, but a link all the same

    def starts(url):
        day, month, year = re.search(r"date_from=(\d\d)%2F(\d\d)%2F(\d{4})", url).groups()
        return dt.date(int(year), int(month), int(day))

    assert starts(bars["customdata"][0]) - starts(last_year["customdata"][0]) == dt.timedelta(
        weeks=52
    )
    busiest = bars["customdata"][bars["y"].index(max(bars["y"]))]
    listing = client.get(busiest).content.decode()
    assert "giá phân bón" in listing and "giải phóng mặt bằng" in listing


def test_chart_pages_load_plotly_from_the_application(client, world, items):
    html = login(client, world, "leader").get(reverse("insight_dashboard")).content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert "/static/vendor/plotly/plotly.min.js" in scripts
    assert "/static/dantinh/charts.js" in scripts
    assert "<script>" not in html  # the Content-Security-Policy allows no inline script


def test_mood_index_does_not_rank_units_with_few_items(client, world, items):
    html = login(client, world, "leader").get(reverse("insight_dashboard")).content.decode()
    mood = html[html.index('id="mood"') :]
    mood = mood[: mood.index("</section>")]
    assert "<tbody>" not in mood  # one item each: nobody is ranked
    assert "Xã An Hưng (1)" in mood


def test_map_draws_the_communes_with_boundaries(client, world, items):
    """The world's communes carry real Hải Phòng codes: the packaged boundaries draw them;
    each area is a link to its items."""
    html = login(client, world, "leader").get(reverse("insight_map")).content.decode()
    drawn = html[html.index('class="map-box"') :]
    assert drawn[: drawn.index("</svg>")].count("<path ") == 2
    assert f"/items/?unit={world.commune_a.pk}" in html
    # the PNG/SVG downloads are made in the browser from this <svg> (charts.js)
    assert 'id="map-box"' in html and 'data-svg-download="map-box"' in html
    assert '<script src="/static/dantinh/charts.js" defer>' in html


@pytest.mark.parametrize(
    "who, detail, handle",
    [
        ("leader", 200, 302),
        ("admin", 200, 302),
        ("compiler_b", 200, 302),
        ("area_officer", 200, 403),
        ("reporter_b", 404, 404),
        ("compiler_a", 404, 404),
        ("reporter_a", 404, 404),
        ("outsider", 404, 404),
        (None, 302, 302),
    ],
)
def test_alert_pages_by_role(client, world, alert_b, who, detail, handle):
    client = login(client, world, who)
    response = client.get(reverse("insight_alert", args=[alert_b.pk]))
    assert response.status_code == detail
    if detail == 200:
        html = response.content.decode()
        assert "Nông nghiệp" in html
        observed = chart_in(html, "evidence-chart")["data"][-1]
        assert observed["y"] == [2, 9]
        assert all(f"unit={world.commune_b.pk}" in url for url in observed["customdata"])
        assert f"unit={world.commune_b.pk}" in html
    listed = client.get(reverse("insight_alerts"))
    if who:
        assert (f"/alerts/{alert_b.pk}/" in listed.content.decode()) == (detail == 200)
    response = client.post(
        reverse("insight_alert_handle", args=[alert_b.pk]), {"decision": "dismiss"}
    )
    assert response.status_code == handle
    alert_b.refresh_from_db()
    assert (alert_b.status == Alert.Status.DISMISSED) == (handle == 302 and who is not None)
    if who:
        assert client.get(reverse("insight_alert", args=[MISSING])).status_code == 404


def test_a_new_alert_notifies_the_leaders_above(world, alert_b):
    told = Notification.objects.filter(kind="alert")
    assert [n.user.username for n in told] == ["leader"]
    assert told[0].url == reverse("insight_alert", args=[alert_b.pk])


@pytest.mark.parametrize(
    "who, hotspots",
    [("leader", 1), ("compiler_b", 1), ("area_officer", 1), ("compiler_a", 0), ("outsider", None)],
)
def test_cases_panel_counts_open_cases_in_the_subtree(client, world, items, who, hotspots):
    from dantinh.cases import services as case_services
    from dantinh.cases.models import Risk

    case_services.case_create(
        actor=world.compiler_b,
        unit=world.commune_b,
        place=world.village_b1,
        title="Tranh chấp đất đai thôn Đông",
        situation="Nhiều hộ dân tập trung phản đối",
        opened_on=dt.date(2026, 11, 20),
        level=Risk.HOTSPOT,
        reason="Đông người tụ tập",
    )
    html = login(client, world, who).get(reverse("insight_dashboard")).content.decode()
    if hotspots is None:
        assert 'id="cases-h"' not in html
        return
    panel = html[html.index('id="cases-h"') :]
    panel = panel[: panel.index("</section>")]
    link = re.search(
        r'href="(/cases/list/\?risk=diem_nong[^"]*)"[^>]*><span class="n[^"]*">(\d+)<', panel
    )
    assert link and int(link.group(2)) == hotspots
    assert "/recommendations/?view=all&amp;flag=overdue" in panel


@pytest.mark.parametrize(
    "who, status, rows",
    [
        ("leader", 200, True),
        ("compiler_a", 200, False),
        ("outsider", 200, False),
        (None, 302, False),
    ],
)
def test_timeliness_panel_loads_after_the_page(client, world, who, status, rows):
    """The dashboard asks for it once loaded; the leader sees how the communes below did,
    a commune's compiler (no unit below that owes a report) and an outsider see none."""
    page = login(client, world, who).get(reverse("insight_dashboard"))
    if who:
        assert reverse("insight_dashboard_timeliness") in page.content.decode()
    response = client.get(reverse("insight_dashboard_timeliness"))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert ("/reports/timeliness/?schedule=" in html) == rows
        # each figure opens the matrix of its schedule (which units were on time, late, missing)
        for cell in re.findall(r'<td class="num">(.*?)</td>', html):
            assert cell.startswith('<a href="/reports/timeliness/?schedule='), cell


@pytest.mark.parametrize(
    "who, outcome",
    [
        ("leader", 302),
        ("admin", 302),
        ("compiler_b", 302),
        ("area_officer", 403),  # sees the alert, may neither handle it nor open a case there
        ("reporter_b", 404),
        ("compiler_a", 404),
        ("outsider", 404),
        (None, 302),
    ],
)
def test_turning_an_alert_into_a_case_by_role(client, world, alert_b, who, outcome):
    """One click opens a case at the alert's unit with its figures and the items of its week,
    field and mood; the alert then shows the case and the case the alert. A second click opens
    the same case."""
    from dantinh.cases.models import Case
    from dantinh.core.models import AuditEntry
    from tests.factories import make_item

    farming = Field.objects.get(code="nong_nghiep")
    behind = make_item(
        world.reporter_b, world.village_b1, observed_on=dt.date(2026, 11, 17), field=farming
    )
    make_item(  # another field: not behind the alert
        world.reporter_b, world.village_b1, observed_on=dt.date(2026, 11, 17)
    )
    client = login(client, world, who)
    page = client.get(reverse("insight_alert", args=[alert_b.pk])).content.decode()
    button = reverse("insight_alert_case", args=[alert_b.pk])
    if who:
        assert (button in page) == (outcome == 302)
    response = client.post(button)
    assert response.status_code == outcome
    case = Case.objects.filter(alert=alert_b).first()
    if outcome != 302 or who is None:
        assert case is None and not Case.objects.exists()
        alert_b.refresh_from_db()
        assert alert_b.status == Alert.Status.OPEN
        return
    assert response.url == reverse("cases:case_detail", args=[case.pk])
    assert case.unit == world.commune_b and case.field == farming
    assert case.opened_on == dt.date(2026, 11, 16) and "9" in case.situation
    assert list(case.items.all()) == [behind]
    alert_b.refresh_from_db()
    assert alert_b.status == Alert.Status.ACKNOWLEDGED and f"#{case.pk}" in alert_b.note
    actor = getattr(world, who)
    assert AuditEntry.objects.filter(
        actor_id=actor.pk, action="create", object_id=str(case.pk)
    ).exists()
    assert AuditEntry.objects.filter(
        actor_id=actor.pk, action="alert.acknowledged", object_id=str(alert_b.pk)
    ).exists()
    page = client.get(reverse("insight_alert", args=[alert_b.pk])).content.decode()
    assert reverse("cases:case_detail", args=[case.pk]) in page and button not in page
    shown = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert reverse("insight_alert", args=[alert_b.pk]) in shown
    again = client.post(button)
    assert again.url == response.url and Case.objects.count() == 1


@pytest.fixture
def city_alert(world):
    """The city's surge holds those of Phường Lê Chân (raised too), of Xã An Hưng (whose own
    alert was not raised: its surge lies in a village) and of a commune that has since moved
    to another province, outside the city leader's scope (raised there)."""
    elsewhere = make_unit("Tỉnh Tuyên Quang")
    moved = make_unit("Xã Hồng Thái", elsewhere)
    signal = {
        "kind": "items.negative_surge",
        "key": "field:3",
        "window_start": dt.date(2026, 11, 16),
        "window_end": dt.date(2026, 11, 22),
    }

    def raise_at(unit, evidence=None):
        alert, _ = alert_services.raise_alert(
            actor=system_actor(),
            unit=unit,
            params={"field": "Giao thông, hạ tầng"},
            evidence={"observed": 12, "expected": 2.0, **(evidence or {})},
            **signal,
        )
        return alert

    children = {"lechan": raise_at(world.commune_a), "moved": raise_at(moved)}
    city = raise_at(
        world.province,
        {
            "of_which": [
                {"unit_id": world.commune_a.pk, "unit": "Phường Lê Chân", "observed": 12},
                {"unit_id": world.commune_b.pk, "unit": "Xã An Hưng", "observed": 5},
                {"unit_id": moved.pk, "unit": "Xã Hồng Thái", "observed": 4},
                {"unit_id": "x", "unit": "Bad row", "observed": 1},
            ]
        },
    )
    return city, children


def of_which_line(html: str) -> str:
    line = html[html.index("<dt>Trong đó</dt>") :]
    return line[: line.index("</dd>")].replace("&amp;", "&")


@pytest.mark.parametrize(
    "who, status, named",
    [
        ("leader", 200, {"lechan": "alert", "anhung": "items"}),
        ("admin", 200, {"lechan": "alert", "anhung": "items"}),
        ("superuser", 200, {"lechan": "alert", "anhung": "items", "moved": "alert"}),
        ("compiler_a", 404, None),
        ("area_officer", 404, None),
        ("outsider", 404, None),
    ],
)
def test_of_which_links_the_child_alerts_the_viewer_may_see(
    client, world, city_alert, who, status, named
):
    city, children = city_alert
    response = login(client, world, who).get(reverse("insight_alert", args=[city.pk]))
    assert response.status_code == status
    if status != 200:
        return
    line = of_which_line(response.content.decode())
    lechan = reverse("insight_alert", args=[children["lechan"].pk])
    assert f'<a href="{lechan}"' in line and "Phường Lê Chân (12)" in line
    # An Hưng raised no alert of its own: named, with its items of the week
    anhung = re.search(r'<a href="(/items/\?[^"]+)"[^>]*>Xã An Hưng \(5\)</a>', line)
    assert anhung and f"unit={world.commune_b.pk}&" in anhung.group(1)
    moved = reverse("insight_alert", args=[children["moved"].pk])
    assert ("Xã Hồng Thái" in line) == ("moved" in named)
    assert (moved in line) == ("moved" in named)
    assert "Bad row" not in line
    # the link opens the child alert for this viewer
    assert client.get(lechan).status_code == 200


@pytest.fixture
def an_hung_week(world):
    """Ten items of Xã An Hưng yesterday: six angry, four glad (enough for a negative share)."""
    from django.utils import timezone

    from dantinh.intake.models import Mood
    from tests.factories import make_item

    day = timezone.localdate() - dt.timedelta(days=1)
    glad = Mood.objects.get(code="vui_mung")
    for i in range(6):
        make_item(world.reporter_b, world.village_b1, f"Bà con bức xúc lần {i}", observed_on=day)
    for i in range(4):
        make_item(
            world.reporter_b,
            world.village_b1,
            f"Bà con vui mừng lần {i}",
            observed_on=day,
            mood=glad,
        )


def _row(html: str, name: str) -> str:
    row = html[html.index(f">{name}</a></th>") :]
    return row[: row.index("</tr>")].replace("&amp;", "&")


def test_map_table_links_each_number_to_the_items_it_counts(client, world, an_hung_week):
    """Coloured by negative share, a commune's count still opens all its items and its share
    the negative ones (the map's area opens what its colour counts: the negative ones)."""
    html = login(client, world, "leader").get(reverse("insight_map"), {"measure": "negative"})
    html = html.content.decode()
    count, share = re.findall(r'<a href="(/items/\?[^"]+)">([^<]+)</a>', _row(html, "Xã An Hưng"))
    assert count[1] == "10" and share[1] == "60,0%"
    every, negative = (client.get(url).content.decode() for url in (count[0], share[0]))
    assert "vui mừng lần 0" in every and "bức xúc lần 0" in every
    assert "vui mừng lần 0" not in negative and "bức xúc lần 0" in negative
    area = re.search(r'<a href="([^"]+)" aria-label="Xã An Hưng', html)
    assert area and area.group(1).replace("&amp;", "&") == share[0]


def test_heat_map_row_total_opens_the_units_items(client, world, an_hung_week):
    html = login(client, world, "leader").get(reverse("insight_dashboard")).content.decode()
    heat = html[html.index('id="heat"') :]
    total = re.findall(
        r'<td class="num"><a href="([^"]+)">(\d+)</a></td>', _row(heat, "Xã An Hưng")
    )
    assert total and total[-1][1] == "10"
    listing = client.get(total[-1][0]).content.decode()
    assert "vui mừng lần 0" in listing and "bức xúc lần 5" in listing


@pytest.mark.parametrize(
    "who, status, listed",
    [
        ("leader", 200, True),
        ("admin", 200, True),
        ("compiler_b", 200, True),
        ("area_officer", 200, True),
        ("compiler_a", 404, False),  # commune B is not theirs: like a missing unit
        ("reporter_b", 200, False),  # their unit, but reporters see no alert
        ("outsider", 404, False),
        (None, 302, False),
    ],
)
def test_alert_list_of_a_unit_since_a_day(client, world, alert_b, who, status, listed):
    """The map's alert counts open the alerts of a unit's subtree whose week ends on or after
    the map's first day."""
    client = login(client, world, who)
    url = reverse("insight_alerts")
    response = client.get(url, {"unit": world.commune_b.pk, "since": "2026-11-22"})
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert (f"/alerts/{alert_b.pk}/" in html) == listed
        later = client.get(url, {"unit": world.commune_b.pk, "since": "2026-11-23"})
        assert f"/alerts/{alert_b.pk}/" not in later.content.decode()
        bad_day = client.get(url, {"unit": world.commune_b.pk, "since": "2026-02-30"})
        assert bad_day.status_code == 200
    if who:
        for unit in (MISSING, "1234567890123456789012345", "abc"):
            assert client.get(url, {"unit": unit}).status_code == 404
    if who in ("leader", "compiler_a"):  # commune A holds no alert
        other = client.get(url, {"unit": world.commune_a.pk}).content.decode()
        assert f"/alerts/{alert_b.pk}/" not in other


def test_map_alert_counts_open_their_alerts(client, world, alert_b):
    client = login(client, world, "leader")
    html = client.get(reverse("insight_map"), {"measure": "alerts", "weeks": 52}).content.decode()
    link = re.search(r'<a href="(/alerts/\?unit=(\d+)&amp;since=[^"]+)">1</a>', html)
    assert link and int(link.group(2)) == world.commune_b.pk
    listed = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert f"/alerts/{alert_b.pk}/" in listed
