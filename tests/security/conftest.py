"""The access matrix's world (tests/security/world.py) as a fixture."""

from tests.security.world import world  # noqa: F401
