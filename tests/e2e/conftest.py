import pytest


@pytest.fixture(scope="session", autouse=True)
def _item_model_trained():
    """Train (or load) the default item model before any browser waits for a suggestion: on a
    fresh machine the first suggestion would otherwise wait for the training."""
    from django.conf import settings

    from dantinh.language.classify.item import default_model

    default_model(settings.DANTINH_MODEL_DIR)
