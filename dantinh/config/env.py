"""Reading settings from the environment, and the embedded deployment's local secrets."""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent
SOURCE_ROOT = PACKAGE_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


def var_dir() -> Path:
    """Where the embedded deployment keeps its database, keys, uploads and models.

    A source checkout keeps it beside pyproject.toml; an installed package in the working
    directory; DANTINH_VAR_DIR overrides both.
    """
    explicit = os.environ.get("DANTINH_VAR_DIR")
    if explicit:
        path = Path(explicit)
    elif (SOURCE_ROOT / "pyproject.toml").exists():
        path = SOURCE_ROOT / "var"
    else:
        path = Path.cwd() / "var"
    path.mkdir(parents=True, exist_ok=True)
    return path


def local_secret(name: str, directory: Path, *, production: bool, generate=None) -> str:
    """A secret from DANTINH_<NAME>; the embedded default makes and keeps its own.

    Production refuses to start without the variable: a generated key on a server would
    silently change on every fresh container and invalidate sessions and encrypted data.
    """
    env_name = f"DANTINH_{name}"
    value = os.environ.get(env_name)
    if value:
        return value
    if production:
        raise ImproperlyConfigured(
            f"{env_name} must be set in production (DANTINH_MODE=production)."
        )
    path = directory / f".{name.lower()}"
    if path.exists():
        return path.read_text().strip()
    value = generate() if generate else secrets.token_urlsafe(50)
    path.write_text(value)
    path.chmod(0o600)
    return value
