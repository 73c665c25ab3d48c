"""Meetings where the people's situation is heard (Đề án II.1): dialogues, voter contacts,
the communes' monthly briefings and the six-monthly meetings with groups of the people.

A meeting records who took part as groups and counts, never as a list of citizens, and what
was heard as points; each point becomes an item (`MeetingPoint.item`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.concurrency import Versioned
from dantinh.core.models import TimeStampedModel
from dantinh.org.models import Unit


class Meeting(Versioned, TimeStampedModel):
    class Kind(models.TextChoices):
        DIALOGUE = "dialogue", _("dialogue with the people")
        VOTER_CONTACT = "voter_contact", _("voter contact")
        BRIEFING = "briefing", _("monthly briefing with branch secretaries and village heads")
        GROUP_MEETING = "group_meeting", _("six-monthly meeting with groups of the people")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("what was discussed or explained"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["unit_path", "held_on"], name="meeting_path_date_idx")]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path

    @property
    def participants(self) -> int:
        return sum(g.count for g in self.groups.all())


class ParticipantGroup(models.TextChoices):
    """Who takes part, as groups of the people (Đề án II.1), never as persons."""

    RETIRED_CADRES = "retired_cadres", _("retired cadres")
    INTELLECTUALS = "intellectuals", _("intellectuals")
    ARTISTS = "artists", _("artists and writers")
    BUSINESS = "business", _("business people")
    ETHNIC = "ethnic", _("ethnic-minority representatives")
    RELIGIOUS = "religious", _("religious representatives")
    VOTERS = "voters", _("voters and citizens")
    BRANCH_SECRETARIES = "branch_secretaries", _("party branch secretaries")
    VILLAGE_HEADS = "village_heads", _("heads of villages and residential groups")
    UNIONS = "unions", _("members of the Front and unions")
    OFFICIALS = "officials", _("officials of the committee and the authority")
    OTHER = "other", _("others")


class MeetingGroup(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="groups")
    group = models.CharField(_("group"), max_length=30, choices=ParticipantGroup.choices)
    count = models.PositiveIntegerField(_("number of people"))

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "group"], name="meeting_group_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()}: {self.count}"


class MeetingPoint(models.Model):
    """One thing heard at the meeting; `item` is the item it became."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="points")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("what was heard"))
    # The language engine's codes for the point (field, kind, mood, authority) and its version.
    suggested = models.JSONField(default=dict, blank=True, editable=False)
    item = models.ForeignKey(
        "intake.Item", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]
