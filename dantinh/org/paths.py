"""Materialised paths of the unit tree.

A unit's path is its ancestors' ids and its own, each zero-padded to SEGMENT digits and
concatenated: digits only, so that every database and every collation orders them the same
way, and a subtree is one index range [path, next(path)).
"""

from django.db.models import Q

SEGMENT = 8


def segment(pk: int) -> str:
    return str(pk).zfill(SEGMENT)


def child_path(parent_path: str, pk: int) -> str:
    return parent_path + segment(pk)


def upper_bound(path: str) -> str:
    """The smallest path greater than every path in the subtree of `path`."""
    return str(int(path) + 1).zfill(len(path))


def ids_in_path(path: str) -> list[int]:
    return [int(path[i : i + SEGMENT]) for i in range(0, len(path), SEGMENT)]


def minimal_prefixes(paths) -> list[str]:
    """Drop paths that lie inside another path of the set."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if not result or not path.startswith(result[-1]):
            result.append(path)
    return result


def subtree_q(field: str, paths) -> Q:
    """A filter on `field` (a path column) for the union of the subtrees; empty set → nothing."""
    q = Q()
    prefixes = minimal_prefixes(paths)
    if not prefixes:
        return Q(pk__in=[])
    for path in prefixes:
        q |= Q(**{f"{field}__gte": path, f"{field}__lt": upper_bound(path)})
    return q


def contains(ancestor: str, path: str) -> bool:
    return path.startswith(ancestor)
