"""Reporting pages; see urls.py for the map."""
