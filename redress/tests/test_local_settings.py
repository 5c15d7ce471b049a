"""The local `.env` that `make run` writes: read for what the environment leaves unset."""

import os
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

from redress.settings import read_local_env


def test_the_local_file_fills_in_what_the_environment_does_not_set(tmp_path):
    local = tmp_path / ".env"
    local.write_text("# Written by make run\n\nDEBUG=1\nSECRET_KEY = local-key-with=signs\n")
    with mock.patch.dict(os.environ, {"DEBUG": "0"}):
        os.environ.pop("SECRET_KEY", None)
        read_local_env(local)
        assert os.environ["DEBUG"] == "0"
        assert os.environ["SECRET_KEY"] == "local-key-with=signs"


def test_without_the_file_nothing_is_set(tmp_path):
    with mock.patch.dict(os.environ, {}):
        os.environ.pop("SECRET_KEY", None)
        read_local_env(tmp_path / ".env")
        assert "SECRET_KEY" not in os.environ


def test_a_line_that_is_not_a_setting_names_its_line_and_not_its_contents(tmp_path):
    local = tmp_path / ".env"
    local.write_text("DEBUG=1\nSECRET_KEY pasted-without-equals\n")
    with mock.patch.dict(os.environ, {}), pytest.raises(ImproperlyConfigured, match="line 2") as error:
        read_local_env(local)
    assert "pasted-without-equals" not in str(error.value)
