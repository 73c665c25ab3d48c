"""The media monitor over REST: stories and sources within the caller's scope (read), and
posts pushed into a source by another collector (administrators of the source's unit)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from dantinh.media import selectors, services
from dantinh.media.models import Source, Story
from dantinh.org.permissions import HasScope


class StorySerializer(serializers.ModelSerializer):
    field = serializers.SlugRelatedField(slug_field="code", read_only=True)
    mood = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Story
        fields = [
            "id",
            "title",
            "unit",
            "first_seen",
            "last_seen",
            "post_count",
            "source_count",
            "author_count",
            "field",
            "mood",
            "valence",
            "places",
            "item",
        ]
        read_only_fields = fields


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "kind",
            "url",
            "unit",
            "interval_minutes",
            "is_active",
            "state",
            "last_polled_at",
            "last_success_at",
            "failures",
            "last_error",
            "posts_taken",
        ]
        read_only_fields = fields


class PushedPostSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20_000)
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    id = serializers.CharField(max_length=200, required=False, allow_blank=True)
    author = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Only counted (distinct authors of a story, salted per story); never stored.",
    )


class StoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Stories the caller may see (media.view), the latest first; outside the scope: 404."""

    serializer_class = StorySerializer
    permission_classes = [HasScope]

    def get_queryset(self):
        return selectors.stories_visible(self.request.user).select_related("field", "mood")


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Sources the caller may see, with their polling state; `posts` takes pushed posts."""

    serializer_class = SourceSerializer
    permission_classes = [HasScope]

    def get_queryset(self):
        return selectors.sources_visible(self.request.user)

    @extend_schema(
        request=PushedPostSerializer(many=True),
        responses={
            201: inline_serializer(
                "PushResult",
                {"new_posts": serializers.IntegerField(), "stories": StorySerializer(many=True)},
            )
        },
    )
    @action(detail=True, methods=["post"])
    def posts(self, request, pk=None):
        """Push up to 500 public posts into this source (needs media.manage at its unit). A
        post already taken (same `id`, else the same link or text) is skipped."""
        source = self.get_object()
        incoming = PushedPostSerializer(data=request.data, many=True)
        incoming.is_valid(raise_exception=True)
        posts = [
            {**p, "published_at": p["published_at"].isoformat() if p.get("published_at") else ""}
            for p in incoming.validated_data
        ]
        result = services.posts_push(actor=request.user, source=source, posts=posts)
        return Response(
            {
                "new_posts": result.new_posts,
                "stories": StorySerializer(result.stories, many=True).data,
            },
            status=status.HTTP_201_CREATED,
        )
