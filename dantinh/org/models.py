from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.models import TimeStampedModel
from dantinh.language.normalize import search_text


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The one account that background work acts as (see dantinh.org.actors); cannot sign in.
    is_system = models.BooleanField(_("system account"), default=False, editable=False)
    # Set when an administrator gives a temporary password: the next sign-in must replace it.
    must_change_password = models.BooleanField(_("must change password"), default=False)
    # The folded name and user name, for accent-insensitive search of people.
    search_name = models.CharField(max_length=300, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        # Derived from the names on every save, whichever door created the user (the people
        # page, createsuperuser, the demo), so that search finds them all.
        self.search_name = search_text(f"{self.full_name} {self.username}")[:300]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"full_name", "username"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class UnitLevel(models.Model):
    """A level of the territorial tree. Levels are data: a deployment may have 2, 3 or 4."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the top level"))

    class Meta:
        ordering = ["rank"]
        verbose_name = _("unit level")
        verbose_name_plural = _("unit levels")

    def __str__(self) -> str:
        return self.name


class Unit(TimeStampedModel):
    """A node of the organisation tree: a territorial unit or a sector body attached to one."""

    class Kind(models.TextChoices):
        TERRITORIAL = "territorial", _("territorial unit")
        SECTOR = "sector", _("sector body")

    class Sector(models.TextChoices):
        NONE = "", _("—")
        COMMISSION_DEPARTMENT = "department", _("commission department")
        FRONT = "front", _("Fatherland Front")
        WOMEN = "women", _("Women's Union")
        YOUTH = "youth", _("Youth Union")
        FARMERS = "farmers", _("Farmers' Union")
        VETERANS = "veterans", _("Veterans' Association")
        LABOUR = "labour", _("Labour Federation")
        POLICE = "police", _("Police")
        MILITARY = "military", _("Military command")
        BORDER_GUARD = "border_guard", _("Border guard")
        COUNCIL = "council", _("People's Council")
        GOVERNMENT = "government", _("People's Committee")
        OTHER = "other", _("other body")

    class CodeScheme(models.TextChoices):
        GSO_2025 = "gso2025", _("official code (from 1/7/2025)")
        GSO_2008 = "gso2008", _("official code (before 1/7/2025)")
        LOCAL = "local", _("local code")

    name = models.CharField(_("name"), max_length=200)
    full_name = models.CharField(_("full name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.TERRITORIAL
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    level = models.ForeignKey(
        UnitLevel, verbose_name=_("level"), on_delete=models.PROTECT, null=True, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    code = models.CharField(_("official code"), max_length=20, blank=True)
    code_scheme = models.CharField(
        _("code scheme"), max_length=10, choices=CodeScheme.choices, default=CodeScheme.LOCAL
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    search_name = models.CharField(max_length=255, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code_scheme", "code"],
                condition=~models.Q(code=""),
                name="unit_code_unique_per_scheme",
            )
        ]
        indexes = [models.Index(fields=["parent", "name"], name="unit_parent_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def audit_unit_path(self) -> str:
        return self.path

    @property
    def is_active(self) -> bool:
        return self.valid_to is None


class Membership(TimeStampedModel):
    """A role held by a user in a unit; the unit's subtree is the scope of the role."""

    class Role(models.TextChoices):
        REPORTER = "reporter", _("grassroots reporter")
        COMPILER = "compiler", _("unit compiler")
        AREA_OFFICER = "area_officer", _("area officer")
        LEADER = "leader", _("leader")
        ADMIN = "admin", _("administrator")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    title = models.CharField(_("position"), max_length=150, blank=True)
    assigned_areas = models.ManyToManyField(
        Unit,
        verbose_name=_("assigned areas"),
        blank=True,
        related_name="area_officers",
        help_text=_("For area officers: the units they follow."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    @property
    def audit_unit_path(self) -> str:
        return self.unit.path
