"""The pytest fixture for the OpenID Connect test provider. Not registered in
tests/conftest.py: import it where it is needed,

    from tests.oidc.fixtures import oidc_provider_factory  # noqa: F401

    @pytest.fixture(scope="module")
    def idp(oidc_provider_factory):
        return oidc_provider_factory({"clients": [...], "accounts": [...]})

Each call starts one provider (on its own free port) and returns its
`tests.oidc.harness.OidcProvider`; every provider started stops at the end of
the session. Without node/npm the calling test skips (fails when
INSPRAAK_REQUIRE_SERVICES=1).
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.oidc.harness import OidcProvider


@pytest.fixture(scope="session")
def oidc_provider_factory() -> Iterator[Callable[[dict[str, Any]], OidcProvider]]:
    started: list[OidcProvider] = []

    def start(config: dict[str, Any]) -> OidcProvider:
        provider = OidcProvider(config)
        started.append(provider)
        return provider.start()

    yield start
    for provider in started:
        provider.stop()
