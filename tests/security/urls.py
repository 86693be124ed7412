"""One walk over the URL configuration for the two tests that must know every URL:
the access matrix and the fuzz test."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Entry:
    """A URL pattern with where it sits: its namespace, the whole route and the named
    groups of the resolvers above it."""

    pattern: URLPattern
    namespace: str | None
    route: str
    parent_groups: tuple[str, ...]

    @property
    def name(self) -> str | None:
        """The name reverse() takes (namespaced), or None for an unnamed pattern."""
        if not self.pattern.name:
            return None
        if self.namespace:
            return f"{self.namespace}:{self.pattern.name}"
        return self.pattern.name


def walk(resolver=None, namespace=None, prefix="", groups=()):
    """Every URL pattern of the project, i18n_patterns and nested includes included."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = (
                    f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                )
            yield from walk(
                entry,
                inner,
                prefix + str(entry.pattern),
                groups + tuple(entry.pattern.regex.groupindex),
            )
        elif isinstance(entry, URLPattern):
            yield Entry(entry, namespace, prefix + str(entry.pattern), groups)
