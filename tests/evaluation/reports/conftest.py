"""Fixtures of the report tests: the hand-counted programme of programme.py."""

import pytest

from .programme import build_programme


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    return build_programme()
