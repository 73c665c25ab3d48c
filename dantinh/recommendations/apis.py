"""REST endpoints of recommendations: the directory of competent bodies, and the register
(list, read, follow an item, carry out a transition) with the same policy as the pages: a
recommendation outside the caller's scope answers 404, like one that does not exist. No
complainant is ever returned by the API."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from dantinh.api.params import id_param
from dantinh.core.concurrency import parse_version
from dantinh.intake.selectors import items_visible
from dantinh.org import policies
from dantinh.recommendations import policy, selectors, services
from dantinh.recommendations.models import Body, Recommendation


class CanFollow(permissions.BasePermission):
    """Signed in, and holding a role or being a body's contact; rows are then filtered by
    the policy."""

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and (
                policies.grants(user)
                or policies.is_unrestricted(user)
                or policy.contact_body_id(user) is not None
            )
        )


class BodySerializer(serializers.ModelSerializer):
    authority = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit_name = serializers.CharField(source="unit.full_name", read_only=True)

    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "authority",
            "level",
            "unit",
            "unit_name",
            "address",
            "email",
            "phone",
        ]
        read_only_fields = fields


class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    """The directory of competent bodies in use (their contacts are not listed)."""

    serializer_class = BodySerializer
    permission_classes = [CanFollow]

    def get_queryset(self):
        return selectors.bodies_visible(self.request.user).order_by("unit_path", "name")


class RecommendationSerializer(serializers.ModelSerializer):
    text = serializers.CharField(source="item.text", read_only=True)
    field = serializers.SlugRelatedField(slug_field="code", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True, default=None)
    suggested_authority = serializers.SlugRelatedField(slug_field="code", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "item",
            "text",
            "unit",
            "owner",
            "procedure",
            "field",
            "state",
            "body",
            "body_name",
            "suggested_authority",
            "received_on",
            "forwarded_on",
            "accepted_on",
            "due_on",
            "answered_on",
            "resolved_on",
            "extensions",
            "answer",
            "satisfaction",
            "reopened_count",
            "declined_count",
            "group",
            "escalated",
            "overdue",
            "version",
        ]
        read_only_fields = fields

    def get_overdue(self, rec) -> bool:
        from dantinh.recommendations.deadlines import is_overdue

        return is_overdue(rec)


class FollowSerializer(serializers.Serializer):
    item = serializers.IntegerField()


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=["forward", "accept", "decline", "extend", "answer", "close", "reopen"]
    )
    body = serializers.IntegerField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    text = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    satisfaction = serializers.ChoiceField(
        choices=["satisfied", "unsatisfied", ""], required=False, default="satisfied"
    )
    version = serializers.IntegerField(required=False)


FILTERS = [
    OpenApiParameter(
        "state",
        str,
        description="tiep_nhan, da_chuyen, dang_giai_quyet, da_tra_loi or giai_quyet_dut_diem",
    ),
    OpenApiParameter(
        "flag", str, description="overdue, prolonged, reopened, declined or escalated"
    ),
    OpenApiParameter("field", str, description="Field code"),
    OpenApiParameter("body", int, description="Competent body id"),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class RecommendationViewSet(
    viewsets.mixins.ListModelMixin, viewsets.mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Followed recommendations within the caller's scope (or routed to their body)."""

    serializer_class = RecommendationSerializer
    permission_classes = [CanFollow]

    def get_queryset(self):
        p = self.request.query_params
        body = None
        body_id = id_param(p, "body")
        if body_id is not None:
            body = Body.objects.filter(pk=body_id).first()
            if body is None:
                return Recommendation.objects.none()
        return selectors.filtered(
            self.request.user,
            state=p.get("state", "")[:20],
            flag=p.get("flag", "")[:20],
            field_code=p.get("field", "")[:50],
            body=body,
        ).order_by("-received_on", "-id")

    def get_object(self):
        return selectors.recommendation_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=FollowSerializer, responses={201: RecommendationSerializer})
    def create(self, request):
        """Follow an item of kind recommendation or complaint/denunciation."""
        data = FollowSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = items_visible(request.user).filter(pk=data.validated_data["item"]).first()
        if item is None:
            raise Http404
        rec = services.recommendation_register(actor=request.user, item=item)
        return Response(RecommendationSerializer(rec).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TransitionSerializer, responses={200: RecommendationSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Carry out one step of the state machine: forward (body), accept, decline (reason),
        extend (reason), answer (text), close (satisfaction), reopen (reason)."""
        rec = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        version = parse_version(v.get("version"))
        name = v["action"]
        user = request.user
        if name == "forward":
            body = Body.objects.filter(pk=v.get("body") or 0, is_active=True).first()
            if body is None:
                raise serializers.ValidationError({"body": ["Choose a body in use."]})
            rec = services.recommendation_forward(actor=user, rec=rec, body=body, version=version)
        elif name == "accept":
            rec = services.recommendation_accept(actor=user, rec=rec, version=version)
        elif name in ("decline", "extend", "reopen"):
            service = {
                "decline": services.recommendation_decline,
                "extend": services.recommendation_extend,
                "reopen": services.recommendation_reopen,
            }[name]
            rec = service(actor=user, rec=rec, reason=v.get("reason", ""), version=version)
        elif name == "answer":
            rec = services.recommendation_answer(
                actor=user, rec=rec, text=v.get("text", ""), version=version
            )
        else:
            rec = services.recommendation_close(
                actor=user,
                rec=rec,
                satisfaction=v.get("satisfaction", "satisfied"),
                version=version,
            )
        return Response(RecommendationSerializer(rec).data)
