"""Pages of the spreadsheet import: template, upload, progress, result."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from dantinh.core.errors import ValidationError
from dantinh.intake import imports, services
from dantinh.intake.models import ImportJob
from dantinh.org import policies
from dantinh.org.selectors import units_visible


class ImportForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Reporting unit"), queryset=None, empty_label=None)
    file = forms.FileField(label=_("File (.xlsx or .csv)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        grant_ids = [g.unit_id for g in policies.grants(user)]
        units = units_visible(user, "item.import")
        # The units where the user holds the role first; then the rest of their scope is
        # too long a list for a select, so only those are offered.
        self.fields["unit"].queryset = (
            units.filter(pk__in=grant_ids) if grant_ids else units.filter(depth=0)
        )


def jobs_visible(user):
    return ImportJob.objects.filter(policies.scope_q(user, "item.import", "unit_path"))


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    if not policies.can_anywhere(request.user, "item.import"):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_start(
                actor=request.user, unit=form.cleaned_data["unit"], upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            form.add_error("file", exc.errors.get("file", exc.message))
        else:
            return redirect("intake:import_detail", pk=job.pk)
    jobs = jobs_visible(request.user).select_related("unit", "created_by")[:10]
    return render(request, "intake/import_form.html", {"form": form, "jobs": jobs})


@login_required
def import_detail(request, pk):
    job = get_object_or_404(jobs_visible(request.user).select_related("unit", "created_by"), pk=pk)
    template = "intake/_import_status.html" if request.htmx else "intake/import_detail.html"
    return render(request, template, {"job": job})


@login_required
def import_template(request):
    if not policies.can_anywhere(request.user, "item.import"):
        raise Http404
    response = HttpResponse(
        imports.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-thong-tin.xlsx"'
    return response
