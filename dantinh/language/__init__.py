"""The Vietnamese language engine (SPEC §8). Pure Python: nothing here imports Django except
`apps.py` and the `nlp` management command.

What the product calls:
- `normalize`: `fold`, `search_text`, `search_tokens` (search), `normalize` (one spelling);
- `classify`: `current_model(var/models)` / `default_model(...)` → `ItemModel.suggest(text)`,
  `train_item_model(corrections)` then `publish(model, var/models)`; `TextClassifier` and
  `evaluate` for any labelled file;
- `suggest`: `suggest_item(text, model=..., matcher=...)`, `label_records(records, ...)`;
- `places`: `package_matcher(provinces)` (+ `add_rows` for villages) → `find(text)`, `codes(text)`;
- `dedup`: `group(records)`, `NearDuplicateIndex`, `similarity`;
- `summarize`: `key_phrases(texts)`, `summarize(texts)`;
- `evaluation`: the held-out measures (`model_report`, `agreement`, `format_table`);
  `classify.calibration`: the temperatures fitted on the seeds' cross-writer predictions.
"""
