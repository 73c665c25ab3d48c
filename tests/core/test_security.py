"""The Content-Security-Policy allows no inline script, the pages carry none, and the deploy
checks of production settings find nothing to warn about."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

import dantinh

pytestmark = pytest.mark.django_db
TEMPLATES = sorted(Path(dantinh.__file__).parent.glob("**/templates/**/*.html"))
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def _assert_no_inline_script(html: str) -> None:
    for attributes in SCRIPT.findall(html):
        # A JSON data block (Django's json_script: <, > and & escaped) is data the browser
        # never runs; any other script element must load a file.
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert not INLINE_HANDLER.search(html), INLINE_HANDLER.search(html).group(0)
    assert "javascript:" not in html


@pytest.mark.parametrize(
    ("who", "path"),
    [
        (None, "/login/"),
        ("admin", "/"),
        ("admin", "/items/"),
        ("admin", "/items/new/"),
        ("admin", "/units/people/"),
        ("admin", "/reports/"),
        ("admin", "/audit/"),
        ("admin", "/account/"),
        ("admin", "/account/2fa/setup/"),
        ("admin", "/api/v1/docs/"),
    ],
)
def test_pages_carry_the_policy_and_no_inline_script(client, world, items, who, path):
    if who:
        client.force_login(getattr(world, who))
    response = client.get(path)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    _assert_no_inline_script(response.content.decode())


def test_a_script_that_would_run_inline_is_caught():
    with pytest.raises(AssertionError):
        _assert_no_inline_script("<script>alert(1)</script>")
    with pytest.raises(AssertionError):
        _assert_no_inline_script('<script type="text/javascript">alert(1)</script>')
    _assert_no_inline_script('<script id="d" type="application/json">{"a": 1}</script>')


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p).split("dantinh/", 1)[1])
def test_no_template_holds_an_inline_script(template):
    _assert_no_inline_script(template.read_text(encoding="utf-8"))


def test_the_deploy_checks_of_production_settings_are_clean(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANTINH_", "DJANGO_"))}
    env.update(
        {
            "DANTINH_MODE": "production",
            "DANTINH_SECRET_KEY": "k" * 20 + "-Zq8#pL2$wX9!rT5&yU7*iO3^aS6@dF1",
            "DANTINH_DATA_KEYS": Fernet.generate_key().decode(),
            "DANTINH_ALLOWED_HOSTS": "dantinh.bdv.local",
            "DANTINH_VAR_DIR": str(tmp_path),
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "dantinh", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_proxy_header_is_a_setting(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANTINH_", "DJANGO_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "dantinh.config.settings.base",
            "DANTINH_VAR_DIR": str(tmp_path),
            "DANTINH_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        }
    )
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"
