"""Trainable text classifiers: the generic pipeline and the item model (SPEC §8, §13)."""

from dantinh.language.classify.corpus import (
    MOOD_VALENCE,
    ItemExample,
    read_items,
    read_labelled,
)
from dantinh.language.classify.item import (
    ItemModel,
    ItemSuggestion,
    ItemTraining,
    current_model,
    default_model,
    publish,
    train_item_model,
)
from dantinh.language.classify.text import PipelineConfig, TextClassifier, evaluate

__all__ = [
    "MOOD_VALENCE",
    "ItemExample",
    "ItemModel",
    "ItemSuggestion",
    "ItemTraining",
    "PipelineConfig",
    "TextClassifier",
    "current_model",
    "default_model",
    "evaluate",
    "read_items",
    "publish",
    "read_labelled",
    "train_item_model",
]
