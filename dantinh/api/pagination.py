from rest_framework.pagination import PageNumberPagination

from dantinh.core.pagination import CappedPaginator


class Pagination(PageNumberPagination):
    """Page numbers; `count` stops at 10,000 (then more pages follow via `next`)."""

    django_paginator_class = CappedPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
