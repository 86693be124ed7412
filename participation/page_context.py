"""What the consultation page shows."""


def consultation_context(page, request) -> dict:
    return {}
