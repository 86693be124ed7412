"""The consultations index: open, upcoming and past, filtered by organisation and theme."""


def index_context(index_page, request) -> dict:
    return {}
