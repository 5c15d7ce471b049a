import pytest


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client
