import pytest


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Press Send on Check your answers, running what waits for the commit (the emails)."""

    def press(browser=None, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return (browser or client).post("/feedback/check-your-answers/", {"website": "", **data})

    return press
