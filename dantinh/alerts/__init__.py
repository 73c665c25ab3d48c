"""Alerts: what the rooms above detect (surges in items, surging media stories, hotspots) raised
once per signal and window, scoped by unit, read by the dashboard and the notifications.

The whole API (the room sits above intake, beside documents, below reporting):

- `models.Alert`: unit (and its path), `kind` (the detector's code), `key` (the signal within
  that detector, e.g. "field:12/negative" or "story:345"), `window_start`/`window_end`, `level`
  (notice / warning / severe), `params` (filling the title), `evidence` (JSON the page shows:
  series, expected band, item ids…), `raised_at`, `status` (open / acknowledged / dismissed),
  `acknowledged_by`/`acknowledged_at`/`note`. Unique (kind, unit, key, window): raised once.
- `registry.register_detector(code, detect, title=lambda: _("… %(name)s …"))`: from a room's
  AppConfig.ready(). `detect(today)` yields `registry.Signal(unit, key, window_start,
  window_end, level, params, evidence)`; the periodic job (`tasks.run_detectors`, every three
  hours) raises each signal once, as the system actor. A failing detector is logged and skipped.
- `registry.register_title(code, title)`: the title of alerts raised directly.
- `registry.on_raised(listener)`: `listener(alert_ids)` after the commit that raised new
  alerts (insight uses it to notify leaders through reporting's notifications).
- `services.raise_alert(*, actor, unit, kind, key, window_start, window_end, level, params,
  evidence) -> (alert, created)`: idempotent; system actor (or superuser) only.
- `services.run_detectors(*, actor, today, codes=None) -> new alerts`.
- `services.alert_acknowledge(*, actor, alert, note="")`, `services.alert_dismiss(...)`:
  need "alert.handle" on the alert's unit; an alert is handled once.
- `selectors.alerts_visible(user)`: the alerts where the user holds "alert.view"
  (`policies.scope_q`); reporters see none.

Actions (`policy.py`): alert.view (leaders, compilers, area officers, admins), alert.handle
(leaders, compilers, admins), alert.notify (leaders: told of new alerts in their subtree).
"""
