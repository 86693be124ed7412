"""Streamed downloads that really stream under daphne.

Django's ASGI handler collects a plain (synchronous) iterator of a
StreamingHttpResponse into a list before it sends the first byte: the whole file in
memory, and the first byte only when the last is made. Given an asynchronous
iterator it sends each piece as it comes. `for_request` hands the server the kind it
streams: under ASGI the pieces are pulled one by one in the request's own thread
(where its database connection lives); under WSGI and the test client they stay a
plain iterator."""

from collections.abc import AsyncIterator, Iterator

from django.core.handlers.asgi import ASGIRequest

from asgiref.sync import sync_to_async


async def pulled(pieces: Iterator) -> AsyncIterator:
    """`pieces` as an asynchronous iterator, each piece made in the request's
    thread; the generator is closed however the download ends."""
    pull = sync_to_async(next, thread_sensitive=True)
    try:
        while (piece := await pull(pieces, None)) is not None:
            yield piece
    finally:
        close = getattr(pieces, "close", None)
        if close is not None:
            await sync_to_async(close, thread_sensitive=True)()


def for_request(request, pieces: Iterator):
    """What to give StreamingHttpResponse for this request (see the module)."""
    if isinstance(request, ASGIRequest):
        return pulled(iter(pieces))
    return pieces
