import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Certificate PDFs go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
