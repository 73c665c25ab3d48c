"""Data made by the PREVIOUS release (run with its code, `.ci/upgrade`): a small province with
people of every role and a few audited items, through that release's own services. Keep it
to calls that release has; when .ci/previous-release moves on, check this still runs."""

import datetime as dt

from dantinh.core import audit
from dantinh.intake import services as item_services
from dantinh.intake.models import Channel, Field, Kind, Mood
from dantinh.org import services as org_services
from dantinh.org.actors import system_actor
from dantinh.org.importer import ensure_levels
from dantinh.org.models import Membership, Unit, User

system = system_actor()
levels = ensure_levels()


def unit(name, parent=None, level="tinh"):
    return org_services.unit_create(
        actor=system, name=name, full_name=name, parent=parent, level=levels[level]
    )


province = unit("Thành phố Hải Phòng")
communes = [unit(f"Phường Số {n}", province, "xa") for n in range(1, 4)]
villages = [unit(f"Tổ dân phố {n}", c, "thon") for c in communes for n in range(1, 3)]
Role = Membership.Role
people = {}
for username, place, role in [
    ("quantri", province, Role.ADMIN),
    ("lanhdao", province, Role.LEADER),
    ("tonghop", communes[0], Role.COMPILER),
    ("coso", communes[0], Role.REPORTER),
]:
    user = User.objects.create_user(username=username, password="dantinh2026", full_name=username)
    org_services.membership_grant(actor=system, user=user, unit=place, role=role)
    people[username] = user
kinds, fields = list(Kind.objects.all()), list(Field.objects.all())
channel, mood = Channel.objects.first(), Mood.objects.first()
for n in range(40):
    item_services.item_create(
        actor=people["tonghop"] if n % 2 else people["coso"],
        unit=villages[n % 2],
        text=f"Nhân dân tổ {n % 2 + 1} phản ánh việc số {n}: đường xuống cấp, giá cả tăng",
        kind=kinds[n % len(kinds)],
        field=fields[n % len(fields)],
        channel=channel,
        mood=mood,
        observed_on=dt.date(2026, 10, 1) + dt.timedelta(days=n),
    )
audit.seal()
print(f"previous release: {Unit.objects.count()} units, {User.objects.count()} users")
