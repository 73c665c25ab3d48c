"""A case linked to followed recommendations and to the competent bodies involved: only what
the person may see is linked or shown."""

import pytest
from django.urls import reverse

from dantinh.cases import selectors, services
from dantinh.core.errors import PermissionDeniedError, ValidationError
from tests.cases.conftest import open_case
from tests.recommendations.conftest import directory, make_rec  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def recs(world, directory):  # noqa: F811
    return {
        "a": make_rec(world),
        "b": make_rec(
            world,
            "Nhân dân thôn Đông đề nghị sửa cống thoát nước",
            unit=world.village_b1,
            actor=world.compiler_b,
        ),
    }


def test_only_recommendations_in_scope_are_linked(world, recs):
    case = open_case(world)
    assert (
        services.case_link_recommendations(
            actor=world.compiler_a, case=case, recommendations=[recs["a"]]
        )
        == 1
    )
    with pytest.raises(ValidationError):
        services.case_link_recommendations(
            actor=world.compiler_a, case=case, recommendations=[recs["b"]]
        )
    with pytest.raises(PermissionDeniedError):
        services.case_link_recommendations(
            actor=world.reporter_a, case=case, recommendations=[recs["a"]]
        )
    services.case_link_recommendations(actor=world.leader, case=case, recommendations=[recs["b"]])
    assert list(selectors.linked_recommendations(user=world.compiler_a, case=case)) == [recs["a"]]
    assert set(selectors.linked_recommendations(user=world.leader, case=case)) == set(recs.values())


def test_linking_and_unlinking_on_the_page(client, world, recs):
    case = open_case(world)
    client.force_login(world.compiler_a)
    url = reverse("cases:recommendations_link", args=[case.pk])
    client.post(url, {"numbers": f"{recs['b'].pk}"})  # another commune's: reads as not found
    assert not case.recommendations.exists()
    client.post(url, {"numbers": f"#{recs['a'].pk}"})
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert reverse("recommendations:detail", args=[recs["a"].pk]) in page
    client.post(reverse("cases:recommendation_unlink", args=[case.pk, recs["a"].pk]))
    assert not case.recommendations.exists()


def test_the_competent_bodies_involved(client, world, directory):  # noqa: F811
    case = open_case(world, involved_bodies=[directory.ubnd_a, directory.cong_an])
    assert set(case.involved_bodies.all()) == {directory.ubnd_a, directory.cong_an}
    client.force_login(world.compiler_a)
    form = client.get(reverse("cases:case_edit", args=[case.pk])).content.decode()
    assert directory.ubnd_a.name in form and directory.ubnd_b.name not in form  # commune B's
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert directory.cong_an.name in page


def test_the_api_links_recommendations_in_scope(client, world, recs):
    case = open_case(world)
    client.force_login(world.compiler_a)
    url = f"/api/v1/cases/{case.pk}/recommendations/"
    assert (
        client.post(
            url, {"recommendations": [recs["b"].pk]}, content_type="application/json"
        ).status_code
        == 400
    )
    response = client.post(
        url, {"recommendations": [recs["a"].pk]}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["recommendations"] == [recs["a"].pk]
    assert client.get(f"/api/v1/cases/{case.pk}/").json()["recommendations"] == [recs["a"].pk]
