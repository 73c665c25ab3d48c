"""The API's JSON parser: bodies are bounded in size and in nesting depth before they are
decoded, so that a hostile body gets 400 with a message instead of exhausting memory or the
stack (a body nested 50,000 levels deep made the standard parser raise RecursionError); and
their strings must be text a database can store: JSON may spell a lone surrogate
(\\ud800, which no UTF-8 database accepts) or a NUL (\\u0000, which PostgreSQL refuses),
and either made the write or the lookup that met it answer 500 (found by fuzzing, 9.18)."""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32
# A string (skipped whole, escapes included) or a bracket.
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
# What a JSON string may spell but no column can hold.
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def _max_bytes() -> int:
    return getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None) or 5 * 2**20


def body_too_large_message() -> str:
    return _("The JSON body is larger than %(mb)s MB.") % {"mb": round(_max_bytes() / 2**20, 1)}


def check_depth(body: bytes, limit: int = MAX_DEPTH) -> None:
    """Raise ParseError when brackets nest deeper than `limit` (outside strings)."""
    depth = 0
    for match in _TOKENS.finditer(body):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                raise ParseError(
                    _("The JSON body is nested more than %(n)s levels deep.") % {"n": limit}
                )
        elif token in (b"]", b"}"):
            depth -= 1


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = _max_bytes()
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise ParseError(body_too_large_message())
        check_depth(body)
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            value = json.loads(body.decode(encoding), parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(_("The body is not valid JSON.")) from exc
        check_text(value)
        return value


def check_text(value) -> None:
    """Raise ParseError when a string of the decoded body (a key or a value) holds a NUL or a
    lone surrogate. The nesting is already bounded by `check_depth`."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str) and _NOT_TEXT.search(item):
            raise ParseError(
                _(
                    "The JSON body holds a character that is not text (\\u0000 or a lone \\ud800–\\udfff)."
                )
            )


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")
