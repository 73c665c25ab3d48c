"""Settings refuse to start unsafely; the embedded default needs nothing."""

import os
import subprocess
import sys

import pytest

CHECK = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, len(settings.SECRET_KEY) > 30)"


def run(env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANTINH_")}
    env.update(
        {"DJANGO_SETTINGS_MODULE": "dantinh.config.settings.base", "DANTINH_VAR_DIR": str(tmp_path)}
    )
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"DANTINH_MODE": "production"}, "DANTINH_SECRET_KEY"),
        ({"DANTINH_MODE": "production", "DANTINH_SECRET_KEY": "x" * 50}, "DANTINH_DATA_KEYS"),
        (
            {
                "DANTINH_MODE": "production",
                "DANTINH_SECRET_KEY": "x" * 50,
                "DANTINH_DATA_KEYS": "Qk3zV0n6bF1xR8pL2sT9wY4cH7jM5dA0eG6iK1oN3uE=",
            },
            "DANTINH_ALLOWED_HOSTS",
        ),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing, tmp_path):
    result = run(env, tmp_path)
    assert result.returncode != 0 and missing in result.stderr


def test_embedded_default_makes_its_own_key_once_and_debug_is_off(tmp_path):
    first = run({}, tmp_path)
    assert first.returncode == 0 and first.stdout.split() == ["False", "True"]
    key = (tmp_path / ".secret_key").read_text()
    assert run({}, tmp_path).returncode == 0
    assert (tmp_path / ".secret_key").read_text() == key
