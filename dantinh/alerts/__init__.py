"""Alerts: what the rooms above detect (surges in items, surging media stories, hotspots) raised
once per signal and window, scoped by unit, read by the dashboard and the notifications."""
