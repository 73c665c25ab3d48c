from pathlib import Path

import pytest

SAMPLE = Path(__file__).with_name("items_sample.jsonl")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_model():
    """An item model trained on the small sample only (fast), shared by the tests."""
    from dantinh.language.classify import read_items, train_item_model

    return train_item_model(base=read_items(SAMPLE))
