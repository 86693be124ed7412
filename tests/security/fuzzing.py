"""The machinery of the fuzz test (tests/security/test_fuzz.py): the hostile values,
the routes of our apps, a parser for the forms a page shows, a recorder of the GET
parameters a view reads, and a sender that rolls back every request and collects
the server errors instead of stopping at the first."""

import datetime
import sys
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import got_request_exception
from django.db import transaction
from django.http import QueryDict
from django.urls import Resolver404, resolve

from tests.security.urls import walk

REPO = Path(__file__).resolve().parents[2]

# Modules whose views are ours to keep free of server errors. allauth's views are
# included: they run our adapter and forms (sign-up asks for a date of birth).
OUR_MODULES = (
    "inspraak.",
    "participation.",
    "councils.",
    "experience_experts.",
    "complaints.",
    "allauth.",
)

LONG_TEXT = ("Lange tekst met woorden. " * 4000)[:100_000]
HOSTILE = [
    "-1",
    "0",
    "99999999999999999999",
    "1e20",
    "-1e20",
    "NaN",
    "Infinity",
    "\x00",
    "a\x00b",
    LONG_TEXT,
    "Factuur \u202egpj.exe en meer",
    "0000-00-00",
    "9999-12-31",
    "1899-12-31",
    "31-02-2026",
    "2026-02-30",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "' OR 1=1 --",
    "",
    "  \t\n  ",
    "a" * 1000 + "@" + "b" * 250 + ".example.org",
]


# Fields whose value the page chose (hidden inputs, selects, radios, checkboxes,
# buttons) get fewer values: dates and formulas mean nothing more to them than any
# other unknown choice, and the time budget of the suite is tight.
HOSTILE_CHOICES = [
    "-1",
    "99999999999999999999",
    "NaN",
    "\x00",
    "a\x00b",
    LONG_TEXT,
    "Factuur \u202egpj.exe en meer",
    "",
]


def hostile_files():
    """What a file field gets: an empty file, a tiny one, and hostile names."""
    return [
        SimpleUploadedFile("leeg.pdf", b"", content_type="application/pdf"),
        SimpleUploadedFile("klein.txt", b"hallo", content_type="text/plain"),
        SimpleUploadedFile("brief\u202efdp.exe", b"MZ", content_type="text/plain"),
        SimpleUploadedFile("a\x00b.pdf", b"%PDF-1.4", content_type="application/pdf"),
        SimpleUploadedFile("x" * 300 + ".pdf", b"%PDF-1.4", content_type="text/plain"),
    ]


def shown(value) -> str:
    """A value as a report shows it: short, with invisible characters visible."""
    if isinstance(value, SimpleUploadedFile):
        return f"file {shown(value.name)} ({value.size} bytes)"
    text = repr(value)
    if len(text) > 44:
        text = f"{text[:30]}...{text[-8:]} ({len(value)} chars)"
    return text


# Routes ---------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One named URL of our apps and the names of its path arguments."""

    name: str
    pattern: str
    kwargs: tuple[str, ...]


def our_routes():
    """Every URL pattern whose view lives in OUR_MODULES, i18n_patterns included."""
    for entry in walk():
        pattern = entry.pattern
        if not pattern.lookup_str.startswith(OUR_MODULES):
            continue
        groups = entry.parent_groups + tuple(pattern.pattern.regex.groupindex)
        yield Route(entry.name or pattern.lookup_str, entry.route, groups)


def route_name(path: str) -> str | None:
    """The name of the route a path resolves to (namespaced), or None."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


# Forms ----------------------------------------------------------------------

PLAUSIBLE = {
    "email": "fuzz@example.org",
    "url": "https://example.org/",
    "tel": "0612345678",
    "password": "Fuzz-wachtwoord-2026!",
    "number": "1",
    "time": "10:00",
    "search": "jeugdzorg",
}


def plausible(input_type: str, attrs: dict) -> str:
    """A valid-looking value for an empty input of this type."""
    today = datetime.date.today()
    if attrs.get("min"):
        return attrs["min"]
    if attrs.get("max") and input_type in ("number", "date"):
        return attrs["max"]
    if input_type == "date":
        return today.isoformat()
    if input_type == "datetime-local":
        return f"{today.isoformat()}T10:00"
    if input_type == "month":
        return today.strftime("%Y-%m")
    return PLAUSIBLE.get(input_type, "Fuzz")


@dataclass
class HtmlForm:
    """A <form> as a browser would send it: the values it starts with, its fields."""

    method: str
    action: str
    multipart: bool
    defaults: dict = field(default_factory=dict)  # name -> list of values
    files: list = field(default_factory=list)
    buttons: list = field(default_factory=list)  # named submit buttons
    chosen: set = field(default_factory=set)  # hidden, select, radio, checkbox
    form_id: str = ""

    @property
    def fields(self) -> list[str]:
        names = [n for n in self.defaults if n != "csrfmiddlewaretoken"]
        return names + self.files + [b for b in self.buttons if b not in names]


class FormParser(HTMLParser):
    """Collects every <form> of a page with the fields a browser would submit."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._orphans: list[tuple[str, str, dict]] = []  # fields with form="id"
        self._select: tuple[str, bool, list, list] | None = None
        self._option: dict | None = None
        self._textarea: tuple[str, list] | None = None

    def _target(self, attrs) -> HtmlForm | None:
        if attrs.get("form"):
            for form in self.forms:
                if form.form_id == attrs["form"]:
                    return form
            return None
        return self._form

    def handle_starttag(self, tag, attr_list):
        attrs = {k: (v if v is not None else "") for k, v in attr_list}
        if tag == "form":
            self._form = HtmlForm(
                method=(attrs.get("method") or "get").lower(),
                action=attrs.get("action", ""),
                multipart="multipart" in attrs.get("enctype", ""),
                form_id=attrs.get("id", ""),
            )
            self.forms.append(self._form)
            return
        name = attrs.get("name")
        form = self._target(attrs)
        if tag == "input" and name and form and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "image"):
                form.buttons.append(name)
            elif kind == "file":
                form.files.append(name)
                form.multipart = True
            elif kind in ("checkbox", "radio"):
                form.chosen.add(name)
                values = form.defaults.setdefault(name, [])
                value = attrs.get("value", "on")
                # Radios: the checked one, else the first. Checkboxes: all ticked,
                # so that "I agree" boxes let the form through to deeper code.
                if kind == "checkbox" or not values or "checked" in attrs:
                    if kind == "radio":
                        values.clear()
                    values.append(value)
            elif kind not in ("button", "reset"):
                value = attrs.get("value", "")
                if kind == "hidden":
                    form.chosen.add(name)
                elif not value:
                    value = plausible(kind, attrs)
                form.defaults.setdefault(name, []).append(value)
        elif tag == "button" and name and form:
            if attrs.get("type", "submit").lower() == "submit":
                form.buttons.append(name)
        elif tag == "select" and name and form and "disabled" not in attrs:
            self._select = (name, "multiple" in attrs, [], [])
        elif tag == "option" and self._select:
            self._option = attrs
            self._option_text = []
        elif tag == "textarea" and name and form and "disabled" not in attrs:
            self._textarea = (name, [])

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._select and self._option is not None:
            value = self._option.get("value", "".join(self._option_text).strip())
            self._select[2].append(value)
            if "selected" in self._option:
                self._select[3].append(value)
            self._option = None
        elif tag == "select" and self._select:
            name, multiple, options, selected = self._select
            form = self._form
            if form is not None:
                form.chosen.add(name)
                # The selected option, else the first that is not the empty choice.
                chosen = selected or [o for o in options if o][:1] or options[:1]
                form.defaults[name] = chosen if multiple else chosen[:1]
            self._select = None
        elif tag == "textarea" and self._textarea:
            name, parts = self._textarea
            text = "".join(parts).strip() or "Een gewone zin als antwoord."
            if self._form is not None:
                self._form.defaults.setdefault(name, []).append(text)
            self._textarea = None


def parse_forms(html: str, page_path: str) -> list[HtmlForm]:
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        form.action = urljoin(page_path, form.action or page_path)
    return parser.forms


# GET parameters a view reads ---------------------------------------------------


class _TaggedGet:
    """request.GET as Django makes it, marked so that reads from it can be told
    apart from reads of request.POST (both are QueryDicts)."""

    def __init__(self, original):
        self.original = original

    def __get__(self, request, owner=None):
        if request is None:
            return self
        query = request.__dict__.get("GET")
        if query is None:
            query = self.original.func(request)
            query._fuzz_is_get = True
            request.__dict__["GET"] = query
        return query

    def __set__(self, request, value):
        request.__dict__["GET"] = value


@contextmanager
def recording_get_reads(monkeypatch):
    """Record the keys views read from request.GET (get, [], getlist, in)."""
    reads: set[str] = set()
    monkeypatch.setattr(WSGIRequest, "GET", _TaggedGet(WSGIRequest.__dict__["GET"]))

    def wrap(name):
        method = getattr(QueryDict, name)

        def reading(self, key, *args, **kwargs):
            if getattr(self, "_fuzz_is_get", False) and isinstance(key, str):
                reads.add(key)
            return method(self, key, *args, **kwargs)

        monkeypatch.setattr(QueryDict, name, reading)

    for name in ("get", "__getitem__", "getlist", "__contains__"):
        wrap(name)
    yield reads


# Sending ----------------------------------------------------------------------


class _Rollback(Exception):
    pass


@dataclass
class Failure:
    where: str  # "POST complaints:file"
    path: str
    person: str
    target: str  # "field grounds", "GET ?q", "path <pk>"
    value: str
    error: str


def describe(exc: BaseException) -> str:
    """The exception and the last frame of our own code that it passed."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [
        f
        for f in frames
        if f.filename.startswith(str(REPO))
        and "/.venv/" not in f.filename
        and "/tests/" not in f.filename
    ]
    frame = (ours or frames or [None])[-1]
    where = ""
    if frame is not None:
        where = f" at {Path(frame.filename).relative_to(REPO) if frame.filename.startswith(str(REPO)) else frame.filename}:{frame.lineno}"
    message = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {message}{where}"


class Sender:
    """Sends requests that leave no trace (each in a savepoint that is rolled back,
    cookies restored) and records every server error."""

    def __init__(self):
        self.failures: list[Failure] = []
        self.sent = 0
        self._errors: list[BaseException] = []

    def __enter__(self):
        got_request_exception.connect(self._record, dispatch_uid="fuzz")
        return self

    def __exit__(self, *exc):
        got_request_exception.disconnect(dispatch_uid="fuzz")

    def _record(self, sender, request=None, **kwargs):
        self._errors.append(sys.exc_info()[1])

    def send(self, client, method, path, data=None, *, multipart=False):
        """The response, or None after a server error (recorded by the caller)."""
        cookies = {k: v.value for k, v in client.cookies.items()}
        cache.clear()  # rate limits would hide the later values
        self._errors.clear()
        self.sent += 1
        response, error = None, None
        try:
            with transaction.atomic():
                try:
                    if method == "get":
                        response = client.get(path)
                    elif multipart:
                        response = client.post(path, data)
                    else:
                        response = client.post(
                            path,
                            urlencode(data or {}, doseq=True),
                            content_type="application/x-www-form-urlencoded",
                        )
                except Exception as exc:  # noqa: BLE001 - every error is a finding
                    error = exc
                raise _Rollback
        except _Rollback:
            pass
        client.cookies.clear()
        for key, value in cookies.items():
            client.cookies[key] = value
        if hasattr(mail, "outbox"):
            mail.outbox.clear()
        if self._errors:
            error = self._errors[0]  # the first, not one raised while handling it
        if error is None and response is not None and response.status_code >= 500:
            error = RuntimeError(f"status {response.status_code}")
        return response, error

    def check(self, client, method, path, data=None, *, multipart=False, **where):
        response, error = self.send(client, method, path, data, multipart=multipart)
        if error is not None:
            self.failures.append(Failure(path=path, error=describe(error), **where))
        return response

    def report(self) -> str:
        """The failures grouped by place and error, with the values that caused
        them, so that one run shows everything."""
        groups: dict[tuple, list[Failure]] = {}
        for failure in self.failures:
            # One place per route, target, exception type and line: the message
            # often repeats the value.
            kind, _, rest = failure.error.partition(":")
            key = (failure.where, failure.target, kind, rest.rpartition(" at ")[2])
            groups.setdefault(key, []).append(failure)
        lines = [f"{len(self.failures)} server errors in {len(groups)} places:"]
        for (where, target, _kind, _line), items in sorted(groups.items()):
            error = items[0].error
            values = sorted({f.value for f in items})
            lines.append(
                f"- {where} [{items[0].person}] {target} {items[0].path[:80]}\n"
                f"    {error}\n    values: {', '.join(values[:8])}"
                + (f" (+{len(values) - 8})" if len(values) > 8 else "")
            )
        return "\n".join(lines)
