"""Mutated case files: every one is imported or refused with a message, never a server error."""

import copy
import dataclasses
import json
import time
import typing
from collections import Counter

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE_NAMES, TODAY, example_data
from wizard.case_files import CaseFileError, read_case_file
from wizard.core import choices
from wizard.core.case_format import field_types
from wizard.core.facts import CaseFacts
from wizard.models import Case

MARK = "\u0000mark\u0000"
CHOICE_VALUES = sorted(
    {
        m.value
        for c in vars(choices).values()
        if isinstance(c, type) and issubclass(c, choices.Choice)
        for m in c
    }
)


def all_field_names(cls=CaseFacts, seen=None) -> set[str]:
    """Return every field name of the format, so added keys are sometimes real ones in the wrong place."""
    seen = set() if seen is None else seen
    for name, (hint, _) in field_types(cls).items():
        seen.add(name)
        inner = typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else hint
        if dataclasses.is_dataclass(inner):
            all_field_names(inner, seen)
    return seen


FIELD_NAMES = sorted(all_field_names())
keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=12)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-5, max_value=70)
    | st.integers()
    | st.integers(min_value=10**15, max_value=10**300)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(CHOICE_VALUES)
    | st.dates().map(lambda d: d.isoformat())
    | st.sampled_from(["", "2026-02-30", "0001-01-01", "9999-12-31", "\ud800", "a\u0000b", "x" * 3000])
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=8,
)
# Values of the right JSON type that may still be wrong: odd dates, edge numbers, another list's choice.
same_type = {
    str: st.sampled_from(CHOICE_VALUES)
    | st.dates().map(lambda d: d.isoformat())
    | st.text(max_size=300)
    | st.sampled_from(["", " ", "9999-12-31", "0001-01-01", "1900-01-01", "2026-11-22"]),
    int: st.integers(min_value=-3, max_value=3000) | st.sampled_from([0, 1, 5, 8, 10, 11, 64, 65]),
    float: st.floats(min_value=-1, max_value=3000, allow_nan=False) | st.sampled_from([0.0, 0.05, 1e-9]),
    bool: st.booleans(),
}
# Raw JSON text a Python value cannot produce through json.dumps: deep nesting, enormous integers.
raw_tokens = st.one_of(
    st.integers(min_value=500, max_value=200_000).map(lambda n: "[" * n + "]" * n),
    st.integers(min_value=500, max_value=200_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.integers(min_value=4000, max_value=20_000).map(lambda n: "9" * n),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-999"]),
)


def paths_of(value, prefix=()):
    """Yield the path of every value in a JSON document, the document itself first."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_of(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths_of(item, (*prefix, index))


def get_at(doc, path):
    for step in path:
        doc = doc[step]
    return doc


def set_at(doc, path, value):
    """Return the document with the value at `path` replaced."""
    if not path:
        return value
    doc = copy.deepcopy(doc)
    get_at(doc, path[:-1])[path[-1]] = value
    return doc


def mutate(draw, doc):
    """Apply one random mutation to a decoded document; return (document, raw text or None)."""
    path = draw(st.sampled_from(list(paths_of(doc))))
    kind = draw(st.sampled_from(["retype", "replace", "delete", "add", "wrap_list", "wrap_object", "raw"]))
    here = get_at(doc, path)
    if kind == "retype" and type(here) in same_type:
        return set_at(doc, path, draw(same_type[type(here)])), None
    if kind == "delete" and path:
        doc = copy.deepcopy(doc)
        del get_at(doc, path[:-1])[path[-1]]
        return doc, None
    if kind == "add" and isinstance(here, dict):
        return set_at(doc, path, {**here, draw(keys): draw(json_values)}), None
    if kind == "wrap_list":
        return set_at(doc, path, [here]), None
    if kind == "wrap_object":
        return set_at(doc, path, {draw(keys): here}), None
    if kind == "raw":
        marked = json.dumps(set_at(doc, path, MARK))
        return doc, marked.replace(json.dumps(MARK), draw(raw_tokens))
    return set_at(doc, path, draw(json_values)), None


@st.composite
def mutated_files(draw):
    """Return a model case file, as bytes, after one to three mutations."""
    doc = example_data(draw(st.sampled_from(EXAMPLE_NAMES)))
    text = None
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        doc, text = mutate(draw, doc)
        if text is not None:
            break
    if text is None:
        text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    return text.encode("utf-8", "surrogatepass")


def leaves_of(doc) -> list[tuple]:
    """Return the paths of the document's scalar values, deepest sections first."""
    return [
        p for p in paths_of(doc) if type(get_at(doc, p)) in same_type and p[0] not in ("format", "version")
    ]


@st.composite
def plausible_files(draw):
    """Return a model case file, as bytes, with one to four values replaced by others of the same JSON type."""
    doc = example_data(draw(st.sampled_from(EXAMPLE_NAMES)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(leaves_of(doc)[::-1]))
        doc = set_at(doc, path, draw(same_type[type(get_at(doc, path))]))
    return json.dumps(doc).encode()


def import_through_view(client, raw: bytes) -> str:
    """Post the file to the import view: a redirect to the new case (which opens) or a page with a message."""
    response = client.post("/cases/import/", {"case_file": SimpleUploadedFile("case.json", raw)})
    if response.status_code == 302:
        assert response["Location"].startswith("/cases/")
        assert client.get(response["Location"]).status_code == 200
        return "imported"
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    return "refused"


def read_directly(raw: bytes) -> str:
    """Read the file as the import form does: facts, or a CaseFileError with at least one message."""
    try:
        read_case_file(raw, TODAY)
    except CaseFileError as error:
        assert error.messages and all(isinstance(m, str) and m for m in error.messages)
        return "refused"
    return "imported"


def test_mutated_case_files_are_imported_or_refused_never_an_error(clinician_client):
    seen = Counter()

    # Most files are read as the form reads them; one in four goes through the view and opens its case.
    @settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(raw=mutated_files(), through_view=st.integers(min_value=0, max_value=3).map(lambda n: n == 0))
    def import_one(raw, through_view):
        outcome = import_through_view(clinician_client, raw) if through_view else read_directly(raw)
        seen[outcome, through_view] += 1

    started = time.monotonic()
    import_one()
    print(f"\nfuzz: {dict(seen)} in {time.monotonic() - started:.1f} s")
    assert sum(seen.values()) >= 1000
    assert seen["imported", True] and seen["refused", True] and seen["refused", False]
    assert Case.objects.count() == seen["imported", True]


def test_plausible_edits_import_and_open_or_are_refused_never_an_error(clinician_client):
    seen = Counter()

    # Values of the right type reach validation, saving, the verdict and the case page.
    @settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(raw=plausible_files())
    def import_one(raw):
        seen[import_through_view(clinician_client, raw)] += 1

    import_one()
    print(f"\nplausible edits: {dict(seen)}")
    assert seen["imported"] >= 25 and seen["refused"] >= 25
