import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_vietnamese_whatever_the_browser_says(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in page.content.decode()


def test_english_when_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    page = client.get(reverse("login"))
    assert "Log in" in page.content.decode() and "Đăng nhập" not in page.content.decode()
