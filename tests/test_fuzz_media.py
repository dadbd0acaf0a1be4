"""Body decoding under hypothesis: any bytes, any JSON-shaped document, deep nesting, aliases, tags."""
import json

import pytest
from hypothesis import given, strategies as st

from fuzzing import CI, corpus, target

from slurmrestd_py import media
from slurmrestd_py.errors import ApiError

pytestmark = pytest.mark.randomised

MEDIA = target("media")
_docs = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


@CI
@given(st.binary(max_size=1024))
def test_any_bytes(data):
    MEDIA.check(data)


@CI
@given(st.sampled_from(range(len(MEDIA.CONTENT_TYPES))), _docs)
def test_any_document_round_trips(index, doc):
    content_type = MEDIA.CONTENT_TYPES[index]
    if media.MEDIA_TYPES.get((content_type or "").split(";")[0].strip().lower()) == media.YAML:
        body = media.encode("application/x-yaml", doc)
    else:
        body = json.dumps(doc).encode()
    MEDIA.check(bytes([index]) + body)


@CI
@given(st.text(alphabet="[]{}:,&*ab !-\n'\"0x.", max_size=300))
def test_yaml_punctuation(text):
    MEDIA.check(bytes([MEDIA.CONTENT_TYPES.index("application/x-yaml")]) + text.encode())


@pytest.mark.parametrize("depth, ok", [(media.MAX_DEPTH, True), (media.MAX_DEPTH + 1, False), (5000, False)])
@pytest.mark.parametrize("content_type", ["application/json", "application/x-yaml"])
def test_nesting_limit(content_type, depth, ok):
    body = ("[" * depth + "]" * depth).encode()
    if ok:
        assert media.decode(content_type, body) is not None
    else:
        with pytest.raises(ApiError) as e:
            media.decode(content_type, body)
        assert e.value.status == 400


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/object/apply:os.system",
                                 "!!python/name:os.system", "!!python/module:os", "!custom"])
def test_unsafe_tags_are_refused(tag):
    with pytest.raises(ApiError) as e:
        media.decode("application/x-yaml", f"a: {tag} ['true']\n".encode())
    assert e.value.status == 400


def test_expansion_at_and_past_the_limit():
    n = media.MAX_YAML_NODES // 1000 - 2  # 1000 aliases to a list of n scalars: just under
    body = f"a: &a [{','.join(['1'] * n)}]\nb: [{','.join(['*a'] * 1000)}]\n"
    assert len(media.decode("application/x-yaml", body.encode())["b"]) == 1000
    with pytest.raises(ApiError):
        media.decode("application/x-yaml", body.replace("*a]", "*a," * 10 + "*a]").encode())


@pytest.mark.parametrize("path", corpus("media"), ids=lambda p: p.rsplit("/", 1)[-1])
def test_corpus(path):
    with open(path, "rb") as f:
        MEDIA.check(f.read())
