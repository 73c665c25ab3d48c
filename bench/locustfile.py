"""The API under load (`python -m bench load` runs this file with locust, headless).

Each simulated user takes one of the tokens `bench/load.py` issued (commune reporters,
commune compilers, the province's compiler) and, with a pause of 1–3 s between requests like a
person at work, reads its item list, filters and searches it, reads an item, reads its
reports' timeliness, and now and then logs an item (a write through the same service as the
form: validation, audit entry, search index)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random

from locust import HttpUser, between, task

PEOPLE = json.loads(open(os.environ["DANTINH_LOAD_PEOPLE"], encoding="utf-8").read())
# Several web processes (`--processes`): each user keeps to one of them.
HOSTS = [h for h in os.environ.get("DANTINH_LOAD_HOSTS", "").split(",") if h]
_next = itertools.count()
WORDS = ["giai phong mat bang", "đền bù", "karaoke", "ô nhiễm", "học phí", "bức xúc", "đường"]
FIELDS = ["dat_dai", "moi_truong", "y_te", "giao_duc", "giao_thong_ha_tang"]


class Official(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        number = next(_next)
        self.person = PEOPLE[number % len(PEOPLE)]
        if HOSTS:
            self.client.base_url = HOSTS[number % len(HOSTS)]
        self.client.headers["Authorization"] = f"Bearer {self.person['token']}"
        self.seen: list[int] = []

    @task(6)
    def item_list(self):
        with self.client.get("/api/v1/items/", name="items: list", catch_response=True) as r:
            if r.ok:
                self.seen = [i["id"] for i in r.json().get("results", [])][:10]

    @task(3)
    def item_search(self):
        self.client.get("/api/v1/items/", params={"q": random.choice(WORDS)}, name="items: search")

    @task(2)
    def item_filter(self):
        today = dt.date.today()
        self.client.get(
            "/api/v1/items/",
            params={
                "field": random.choice(FIELDS),
                "date_from": (today - dt.timedelta(days=90)).isoformat(),
            },
            name="items: field and dates",
        )

    @task(2)
    def item_detail(self):
        if self.seen:
            self.client.get(f"/api/v1/items/{random.choice(self.seen)}/", name="items: one")

    @task(1)
    def timeliness(self):
        self.client.get(
            "/api/v1/timeliness/",
            params={"schedule": "weekly", "unit": self.person["unit"]},
            name="timeliness: last week",
        )

    @task(1)
    def item_create(self):
        if self.person["role"] != "reporter":
            return
        self.client.post(
            "/api/v1/items/",
            json={
                "unit": self.person["unit"],
                "observed_on": dt.date.today().isoformat(),
                "kind": "kien_nghi",
                "field": random.choice(FIELDS),
                "channel": "cot_can_uy_tin",
                "text": "Bà con kiến nghị sớm sửa chữa đoạn đường liên thôn bị xuống cấp "
                f"sau mưa lớn, đi lại khó khăn (phiếu {random.randint(1, 10**6)}).",
            },
            name="items: create",
        )
