"""The API's documentation inside the application's frame (Swagger UI from the installed
drf-spectacular-sidecar, started by a static script: no CDN, no inline script)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def docs(request):
    """For every signed-in person (anyone may issue themselves a token); the menu shows it to
    administrators, who set up the programs that use the API."""
    return render(request, "api/docs.html")
