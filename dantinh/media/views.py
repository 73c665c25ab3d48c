"""The media monitor's pages: stories (with their volume), posts, sources and column
mappings. Thin doors into selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.cases.selectors import cases_visible
from dantinh.core.concurrency import ConflictError
from dantinh.core.errors import PermissionDeniedError, ValidationError, add_to_form
from dantinh.core.params import parse_id
from dantinh.media import selectors, services
from dantinh.media.forms import MappingForm, SourceForm, StoryFilterForm, UploadForm
from dantinh.media.models import ColumnMapping, Source
from dantinh.org import policies

PAGE_SIZE = 30
MAX_UPLOAD = 20 * 1024 * 1024


def _need(user, action: str) -> None:
    if not policies.can_anywhere(user, action):
        raise PermissionDenied


def _get(qs, pk):
    obj = qs.filter(pk=parse_id(pk)).first() if parse_id(pk) else None
    if obj is None:
        raise Http404
    return obj


@login_required
def story_list(request):
    _need(request.user, "media.view")
    form = StoryFilterForm(request.GET or None)
    filters = selectors.StoryFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.StoryFilters(
            q=data["q"] or "",
            field=data["field"],
            valence=data["valence"] or "",
            days=data["days"] or 30,
        )
    source_id = parse_id(request.GET.get("source"))
    if source_id:
        filters.source = selectors.sources_visible(request.user).filter(pk=source_id).first()
        if filters.source is None:
            raise Http404
    stories = selectors.story_list(user=request.user, filters=filters).order_by("-last_seen", "-id")
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "media/story_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "source": filters.source,
            "can_manage": policies.can_anywhere(request.user, "media.manage"),
        },
    )


@login_required
def story_detail(request, pk):
    story = _get(selectors.stories_visible(request.user).select_related("field", "mood"), pk)
    volume = selectors.story_volume(story)
    top = max((n for _d, n in volume), default=0) or 1
    posts = story.posts.select_related("source", "field", "mood").order_by("-published_at", "-id")
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "media/story_detail.html",
        {
            "story": story,
            "volume": [(day, n, round(n / top * 10)) for day, n in volume],
            "page": page,
            "sources": selectors.story_sources(story),
            "places": selectors.place_units(story.places),
            "can_promote": policies.can(request.user, "media.promote", story),
            "cases": _linkable_cases(request.user, story),
        },
    )


def _linkable_cases(user, story):
    """The cases the user may link this story to (the latest changed first), or None when
    they may change no case."""
    if not policies.can_anywhere(user, "case.change"):
        return None
    return list(cases_visible(user, "case.change").order_by("-updated_at")[:50])


@login_required
@require_POST
def story_case(request, pk):
    story = _get(selectors.stories_visible(request.user), pk)
    case = None
    case_id = parse_id(request.POST.get("case"))
    if case_id:
        case = _get(cases_visible(request.user, "case.change"), case_id)
    try:
        services.story_link_case(actor=request.user, story=story, case=case)
    except PermissionDeniedError:
        raise PermissionDenied from None
    messages.success(
        request, _("The story is linked to the case.") if case else _("The story is unlinked.")
    )
    return redirect("media:story_detail", story.pk)


def _promote(request, obj, service, **kwargs):
    try:
        item = service(actor=request.user, **kwargs)
    except PermissionDeniedError:
        raise PermissionDenied from None
    except ValidationError as error:
        messages.error(request, " ".join(str(m) for m in error.errors.values()))
        return None
    messages.success(request, _("The item was created; check its labels and place."))
    return redirect("intake:item_detail", item.pk)


@login_required
@require_POST
def story_promote(request, pk):
    story = _get(selectors.stories_visible(request.user), pk)
    response = _promote(request, story, services.story_promote, story=story)
    return response or redirect("media:story_detail", story.pk)


@login_required
@require_POST
def post_promote(request, pk):
    post = _get(selectors.posts_visible(request.user), pk)
    response = _promote(request, post, services.post_promote, post=post)
    return response or redirect("media:story_detail", post.story_id)


@login_required
def post_list(request):
    _need(request.user, "media.view")
    source = None
    source_id = parse_id(request.GET.get("source"))
    if source_id:
        source = _get(selectors.sources_visible(request.user), source_id)
    q = (request.GET.get("q") or "").strip()[:200]
    posts = selectors.recent_posts(user=request.user, source=source, q=q)
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "media/post_list.html",
        {
            "page": page,
            "source": source,
            "q": q,
            "query": query.urlencode(),
            "can_promote": policies.can_anywhere(request.user, "media.promote"),
        },
    )


@login_required
def source_list(request):
    _need(request.user, "media.view")
    return render(
        request,
        "media/source_list.html",
        {
            "sources": selectors.sources_visible(request.user).order_by("state", "name"),
            "counts": selectors.source_counts(request.user),
            "can_manage": policies.can_anywhere(request.user, "media.manage"),
        },
    )


def _source_values(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "kind": data["kind"],
        "url": data["url"],
        "mapping": data["mapping"],
        "interval_minutes": data["interval_minutes"],
        "is_active": data["is_active"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def source_create(request):
    _need(request.user, "media.manage")
    form = SourceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            source = services.source_create(
                actor=request.user, unit=form.cleaned_data["unit"], **_source_values(form)
            )
        except PermissionDeniedError:
            raise PermissionDenied from None
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The source was added; it is fetched within a minute."))
            return redirect("media:source_detail", source.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "media/source_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def source_detail(request, pk):
    source = _get(selectors.sources_visible(request.user), pk)
    can_manage = policies.can(request.user, "media.manage", source)
    form = None
    status = 200
    if can_manage:
        initial = {
            "name": source.name,
            "kind": source.kind,
            "url": source.url,
            "mapping": source.mapping,
            "unit": source.unit,
            "interval_minutes": source.interval_minutes,
            "is_active": source.is_active,
            "version": source.version,
        }
        form = SourceForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.source_update(
                    actor=request.user,
                    source=source,
                    version=form.cleaned_data["version"],
                    unit=form.cleaned_data["unit"],
                    **_source_values(form),
                )
            except PermissionDeniedError:
                raise PermissionDenied from None
            except ValidationError as error:
                add_to_form(form, error)
            except ConflictError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The source was saved."))
                return redirect("media:source_detail", source.pk)
        status = 400
    return render(
        request,
        "media/source_detail.html",
        {
            "source": source,
            "form": form,
            "upload": UploadForm() if can_manage and source.kind == Source.Kind.SOCIAL else None,
            "can_manage": can_manage,
            "posts": source.posts.order_by("-published_at", "-id")[:10],
        },
        status=status,
    )


@login_required
@require_POST
def source_upload(request, pk):
    source = _get(selectors.sources_visible(request.user), pk)
    if not policies.can(request.user, "media.manage", source):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to send."))
        return redirect("media:source_detail", source.pk)
    upload = form.cleaned_data["file"]
    if upload.size > MAX_UPLOAD:
        messages.error(request, _("The file is larger than 20 MB; split it and send the parts."))
        return redirect("media:source_detail", source.pk)
    try:
        result = services.source_take_file(
            actor=request.user, source=source, content=upload.read(), filename=upload.name
        )
    except PermissionDeniedError:
        raise PermissionDenied from None
    except ValidationError as error:
        messages.error(request, " ".join(str(m) for m in error.errors.values()))
    else:
        messages.success(
            request,
            _("%(posts)s new posts taken, in %(stories)s stories.")
            % {"posts": result.new_posts, "stories": len(result.stories)},
        )
    return redirect("media:source_detail", source.pk)


@login_required
@require_POST
def source_poll(request, pk):
    from dantinh.media import tasks

    source = _get(selectors.sources_visible(request.user), pk)
    if not policies.can(request.user, "media.manage", source):
        raise PermissionDenied
    if source.kind not in (Source.Kind.RSS, Source.Kind.PAGE):
        raise Http404
    transaction.on_commit(lambda: tasks.poll_source(source.pk))
    messages.success(
        request, _("The source will be fetched in a moment; reload to see the result.")
    )
    return redirect("media:source_detail", source.pk)


@login_required
@require_POST
def source_delete(request, pk):
    source = _get(selectors.sources_visible(request.user), pk)
    try:
        services.source_delete(actor=request.user, source=source)
    except PermissionDeniedError:
        raise PermissionDenied from None
    messages.success(request, _("The source and its posts were deleted."))
    return redirect("media:source_list")


@login_required
@require_http_methods(["GET", "POST"])
def mapping_edit(request, pk=None):
    _need(request.user, "media.manage")
    mapping = _get(ColumnMapping.objects.all(), pk) if pk is not None else None
    initial = {f: getattr(mapping, f) for f in services.MAPPING_FIELDS} if mapping else None
    form = MappingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.mapping_save(actor=request.user, mapping=mapping, **form.cleaned_data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The column mapping was saved."))
            return redirect("media:mapping_list")
    return render(
        request,
        "media/mapping_form.html",
        {"form": form, "mapping": mapping},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def mapping_list(request):
    _need(request.user, "media.manage")
    return render(
        request, "media/mapping_list.html", {"mappings": selectors.mappings(request.user)}
    )
