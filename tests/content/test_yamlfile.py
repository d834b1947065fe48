from site_builder.content.yamlfile import locate, parse_yaml, read_text


def test_positions_are_shifted_to_file_lines():
    data, problems = parse_yaml("title: A\nsources:\n  - url: u\n    title: t\n", "f.md", line_offset=1)
    assert problems == []
    assert data.positions[("title",)] == (2, 1)
    assert data.positions[("sources", 0, "title")] == (5, 5)
    assert locate(data.positions, ("sources", 0, "missing")) == (4, 5)


def test_dates_stay_text_and_no_is_not_false():
    data, _ = parse_yaml("date: 2025-02-30\ncode: NO\nok: yes\nflag: true\n", "f")
    assert data.data == {"date": "2025-02-30", "code": "NO", "ok": "yes", "flag": True}


def test_python_object_tags_are_refused_with_a_position():
    data, problems = parse_yaml("x: !!python/object/apply:os.system [echo hi]\n", "f.md", line_offset=1)
    assert data is None
    assert problems[0].line == 2 and "constructor" in problems[0].message
    assert "tag" in problems[0].hint


def test_tabs_get_a_hint():
    _, problems = parse_yaml("a:\n\t- b\n", "f.md", line_offset=1)
    assert problems[0].line == 3
    assert "tab" in problems[0].hint


def test_duplicate_keys_are_reported():
    _, problems = parse_yaml("title: a\ntitle: b\n", "f.md")
    assert [p.line for p in problems] == [2]


def test_read_text_handles_bom_crlf_and_bad_bytes():
    text, problems = read_text("\ufefftitle: a\r\nb: c\r\n".encode(), "f")
    assert text == "title: a\nb: c\n" and problems == []
    text, problems = read_text(b"ok\nbad \xff here\n", "f")
    assert text is None and problems[0].line == 2 and problems[0].column == 5


# --- The libyaml and pure-Python loaders, and the direct builder against PyYAML's constructor ---

import math
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.content import yamlfile
from site_builder.content.yamlfile import CONTROL, FAST_LOADER, PURE_LOADER

HYPOTHESIS = dict(deadline=None, derandomize=bool(os.environ.get("CI")),
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
needs_libyaml = pytest.mark.skipif(FAST_LOADER is None, reason="PyYAML is installed without libyaml")

TRICKY = [
    # anchors and aliases, refused with a position
    "a: &x 1\nb: *x\n", "a: *x\n", "- &a [1]\n", "a: [&x 1, *x]\n", "a: &anchor\n",
    # nesting at and over the limit, in flow and block style and by indentation
    "[" * 63 + "]" * 63, "[" * 70 + "]" * 70, "{a: " * 65 + "1" + "}" * 65, "- " * 70 + "x\n",
    "a:\n" + " " * 64 + "b: c\n",
    # duplicate keys, also inside lists and with list values
    "title: a\ntitle: b\n", "a:\n  x: 1\n  x: 2\nb: [1, 2]\nb:\n  - 3\n", "a: [1, 2, 3]\na: [4]\n",
    "- {k: 1, k: 2}\n- k: 3\n  k: 4\n", "1: a\n01: b\n",
    # dates stay text; yes/no stay text; only true/false are booleans
    "date: 2025-02-30\nd: 2025-01-01 10:00:00\nt: 2001-12-14t21:59:43.10-05:00\n",
    "ok: yes\nno: NO\non: off\ny: y\nt: True\nf: FALSE\n",
    # numbers, nulls and other scalar keys
    "1: a\n~: c\ntrue: d\n1.5: e\n.nan: f\n.inf: g\n0x1F: h\n0o7: i\n1_000: j\n190:20:30: k\n",
    "a: -1\nb: +2\nc: 0b101\nd: 1e3\ne: 1.0e+3\nf: .5\ng: -.inf\nh: 0777\n",
    # merge keys, '=' keys, complex keys, explicit tags (the constructor's slow path)
    "base: {a: 1}\n<<: {b: 2}\nc: 3\n", "<<: [{a: 1}, {b: 2}]\nb: 5\n", "<<: 3\n", "=: x\n", "a: =\n",
    "? [a, b]\n: c\n", "? {a: 1}\n: x\n", "[a, b]: c\n",
    "a: !!str 123\n", "a: !!int '7'\n", "a: !!binary aGVsbG8=\n", "a: !!set {x, y}\n", "a: !!omap [x: 1]\n",
    "a: !!python/tuple [1]\n", "x: !!python/object/apply:os.system [echo hi]\n", "a: !custom x\n",
    "a: !!float '1'\n", "a: !!null ''\n", "a: !!bool 'true'\n", "!!map {a: 1}\n", "!!seq [a]\n", "a: !!seq {b: 1}\n",
    # tabs
    "a:\n\t- b\n", "\ta: b\n",
    # byte-order marks and unusual line breaks inside the text
    "\ufeffa: 1\n", "a: b\ufeffc\n", "a: x\u2028y\n", "a: x\x85y\n", "a: 'x\u00a0'\n",
    # characters the YAML reader refuses, and values their tag cannot build
    "a: x\x80y\n", "a: &x b\nc: \x85\x86\n", "x: 0b_\n", "x: !!int abc\n", "x: !!timestamp 2025-02-30\n", "!!int [1]\n",
    # several documents
    "a: 1\n---\nb: 2\n", "---\na: 1\n...\n", "--- a\n--- b\n", "%YAML 1.1\n---\na: 1\n",
    # empty and non-mapping documents
    "", "# only a comment\n", "~\n", "just text\n", "- a\n- b\n", "null\n",
    # quoting, escapes, block scalars, comments
    "a: \"x\\x1fy\"\nb: 'it''s'\nc: \"\\u00e9\"\n", "a: |\n  line1\n  line2\nb: >\n  folded\n  text\n",
    "key with spaces: v\n'quoted key': v\n\"dq\": v\n", "a: b # comment\n# c\nc: d\n",
    "a:\n  b:\n    c:\n      - d: 1\n        e: [x, {f: g}]\n", "sources:\n- url: u\n  title: t\n- url: v\n",
    # syntax errors
    "a: \"unclosed\nb: c\n", "a: [1, 2\nb: c\n", "a: {x: 1\n", "a: b: c\n", "a: @x\n", "- a\nb: c\n",
    "a:\n  - b\n - c\n",
]


def outcome(call):
    """Comparable result of ``call()``: its repr (NaN == NaN), or the exception it raised."""
    try:
        return "ok", repr(call())
    except Exception as exc:  # noqa: BLE001 - both sides must fail alike
        return "raised", type(exc).__name__, str(exc)


def parsed(text: str, loader_class) -> tuple:
    try:
        data, problems = parse_yaml(text, "f.md", 1, loader_class)
    except Exception as exc:  # noqa: BLE001 - both loaders must fail alike
        return "raised", type(exc).__name__, str(exc)
    return "ok", repr(data and (data.data, data.positions)), problems


def direct(text: str, loader_class):
    """Values, positions and problems as parse_yaml builds them."""
    loader = loader_class(text)
    node = loader.get_single_node()
    positions, problems = {}, []
    data = yamlfile._construct(loader, node, positions, problems, "f.md", 1) if node is not None else None
    return data, positions, problems


def reference(text: str, loader_class):
    """The same by PyYAML's constructor followed by a walk for positions."""
    loader = loader_class(text)
    node = loader.get_single_node()
    positions, problems = {}, []
    data = None
    if node is not None:
        data = loader.construct_document(node)
        yamlfile._walk(node, (), positions, problems, "f.md", 1)
    return data, positions, problems


def syntax_error_place(result: tuple):
    """[(line, column, hint)] when ``result`` is a YAML syntax error: the wording is the parser's own."""
    if result[0] != "ok" or not result[2] or "YAML syntax error" not in result[2][0].message:
        return None
    return [(p.line, p.column, p.hint) for p in result[2]]


@pytest.mark.parametrize("text", TRICKY)
def test_direct_build_matches_pyyaml_constructor(text):
    for loader_class in filter(None, (FAST_LOADER, PURE_LOADER)):
        assert outcome(lambda: direct(text, loader_class)) == outcome(lambda: reference(text, loader_class)), text


@needs_libyaml
@pytest.mark.parametrize("text", TRICKY)
def test_libyaml_and_pure_python_give_the_same_result(text):
    fast, pure = parsed(text, FAST_LOADER), parsed(text, PURE_LOADER)
    if fast != pure:
        # libyaml and PyYAML word syntax errors differently; the place and the hint are the same.
        assert syntax_error_place(fast) is not None and syntax_error_place(fast) == syntax_error_place(pure), text


def test_tricky_documents_keep_values_and_positions():
    for loader_class in filter(None, (FAST_LOADER, PURE_LOADER)):
        data, problems = parse_yaml("1: a\n01: b\n~: c\ndate: 2025-02-30\nok: yes\n", "f.md", 1, loader_class)
        # keys stay as written: messages name '01' and '~', never 1 and None
        assert data.data == {"1": "a", "01": "b", "~": "c", "date": "2025-02-30", "ok": "yes"}
        assert data.positions[("01",)] == (3, 1) and data.positions[("~",)] == (4, 1)
        assert problems == []  # '1' and '01' are different keys as written
        data, _ = parse_yaml("base: {a: 1}\n<<: {b: 2}\nc: [x, {d: .nan}]\n", "f.md", 1, loader_class)
        assert data.data["b"] == 2 and math.isnan(data.data["c"][1]["d"])
        assert data.positions[("c", 1, "d")] == (4, 9)


KEYS = st.sampled_from(["title", "date", "summary", "countries", "sources", "url", "1", "01", "~", "yes", "<<", "="])
SCALARS = st.one_of(
    st.text(max_size=12), st.integers(-10**9, 10**9), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.none(), st.sampled_from(["2025-02-30", "2025-01-01 10:00:00", "yes", "NO", "on", "~", "null", "0x1F", "1_000",
                                "190:20:30", ".inf", "=", "<<", "*x", "&y", "!tag", "a: b", "- c", "# d", "\t", "\ufeff"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(KEYS, SCALARS), inner, max_size=4)), max_leaves=16)


@needs_libyaml
@settings(max_examples=300, **HYPOTHESIS)
@given(value=VALUES, flow=st.sampled_from([None, False, True]), unicode=st.booleans(), indent=st.sampled_from([2, 4]))
def test_dumped_documents_read_alike_with_libyaml_and_pure_python(value, flow, unicode, indent):
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=unicode, indent=indent)
    assert parsed(text, FAST_LOADER) == parsed(text, PURE_LOADER)


FRAGMENTS = ["a", "title", ":", ": ", "- ", "-", "\n", "\n  ", "\n    ", "  ", "[", "]", "{", "}", ", ", "'", '"', "#",
             "\t", "yes", "NO", "true", "~", "1", "0x1F", "1.5", ".nan", "2025-02-30", "<<", "=", "? ", "!!str ", "!!int ",
             "!!set ", "!!binary ", "!!float ", "&x ", "*x", "é", "\u2028", "\\x1f", "---", "...", "|\n  ", "@", "\ufeff"]


@settings(max_examples=300, **HYPOTHESIS)
@given(text=st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join))
def test_direct_build_matches_pyyaml_constructor_on_random_text(text):
    for loader_class in filter(None, (FAST_LOADER, PURE_LOADER)):
        assert outcome(lambda: direct(text, loader_class)) == outcome(lambda: reference(text, loader_class))


def test_plain_scalar_tags_are_remembered_correctly():
    for loader_class in filter(None, (FAST_LOADER, PURE_LOADER)):
        loader = loader_class("")
        for value in ["yes", "true", "1", "0x1F", "2025-02-30", "~", "", "<<", "=", "text", "1.5", "true"]:
            expected = yaml.resolver.Resolver.resolve(loader, yaml.ScalarNode, value, (True, False))
            assert loader.resolve(yaml.ScalarNode, value, (True, False)) == expected
            assert loader.resolve(yaml.ScalarNode, value, (False, True)) == "tag:yaml.org,2002:str"
        assert loader.resolve(yaml.MappingNode, None, (True, False)) == "tag:yaml.org,2002:map"
        assert loader.resolve(yaml.SequenceNode, None, (True, False)) == "tag:yaml.org,2002:seq"


@settings(max_examples=300, **HYPOTHESIS)
@given(text=st.lists(st.one_of(st.sampled_from(["\x01", "\x08", "\t", "\x0b", "\x0c", "\x0e", "\x1f", " ", "\x7f",
                                                "\x85", "\ufffe", "\uffff", "\ufeff", "é", "\U0001f642", "a\n"]),
                               st.text(max_size=5)), max_size=20).map("".join))
def test_control_characters_are_found_where_the_pattern_finds_them(text):
    raw = text.encode("utf-8", errors="surrogatepass")
    expected = CONTROL.search(text)
    found = yamlfile._find_control(raw, text)
    assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("raw", [
    b"\xef\xbb\xbftitle: a\r\nb: c\r", b"a\rb\r\nc\n", b"ok\nbad \xff here\n", b"\xff\xfea\x00", b"a\x00b",
    b"a\n\x1fb", b"ab\xef\xbf\xbe", b"\xc3\xa9\x0c", "\u2028\x85".encode(), b"caf\xe9",
])
def test_read_text_cases(raw):
    text, problems = read_text(raw, "f")
    if text is not None:
        assert "\r" not in text and not text.startswith("\ufeff") and problems == []
    else:
        assert len(problems) == 1 and problems[0].line is not None


# --- Values a tag cannot build: a located problem with a fix, never a bare ValueError or KeyError ---

from site_builder.errors import Problem

LOADERS = [loader for loader in (FAST_LOADER, PURE_LOADER) if loader is not None]
QUOTE = "quote the value if it is text"
# (YAML read as frontmatter from line 2, line, column, words of the message, words of the fix)
BAD_SCALARS = [
    # plain values that look like numbers but are not
    ("x: 0b_\n", 2, 4, "'0b_' looks like a number but is not a valid one", f'{QUOTE}, e.g. "0b_"'),
    ("x: 0x_\n", 2, 4, "'0x_' looks like a number", f'{QUOTE}, e.g. "0x_"'),
    ("x: -0x_\n", 2, 4, "'-0x_' looks like a number", f'{QUOTE}, e.g. "-0x_"'),
    ("x: +0b_\n", 2, 4, "'+0b_' looks like a number", QUOTE),
    ("title: ok\ncount: " + "9" * 5000 + "\n", 3, 8, "has 5000 digits, more than the 4300 a number may have", QUOTE),
    ("countries: [Czechia, 0x_]\n", 2, 22, "'0x_' looks like a number", QUOTE),
    # explicit tags of the safe loader with values they cannot build
    ("x: !!int abc\n", 2, 4, "'abc' is not a whole number, which its '!!int' tag requires",
     f"remove the '!!int' tag (content needs no tags); {QUOTE}, e.g. \"abc\""),
    ("x: !!int 0o_\n", 2, 4, "'0o_' is not a whole number", "remove the '!!int' tag"),
    ("x: !!int 0b_\n", 2, 4, "'0b_' is not a whole number", "remove the '!!int' tag"),
    ("x: !!int 1.5\n", 2, 4, "'1.5' is not a whole number", "remove the '!!int' tag"),
    ("x: !!int 1:2:x\n", 2, 4, "'1:2:x' is not a whole number", QUOTE),
    ("x: !!int _\n", 2, 4, "'_' is not a whole number", QUOTE),
    ("x: !!int +\n", 2, 4, "'+' is not a whole number", QUOTE),
    ("x: !!int 08\n", 2, 4, "'08' is not a whole number", QUOTE),
    ("x: !!int " + "1" * 4301 + "\n", 2, 4, "has 4301 digits", "remove the '!!int' tag"),
    ("x: !!int\n", 2, 4, "the empty value is not a whole number", "remove the '!!int' tag"),
    ("x: !!float abc\n", 2, 4, "'abc' is not a number, which its '!!float' tag requires", "remove the '!!float' tag"),
    ("x: !!float 1:x\n", 2, 4, "'1:x' is not a number", QUOTE),
    ("x: !!float .\n", 2, 4, "'.' is not a number", QUOTE),
    ("x: !!float ''\n", 2, 4, "the empty value is not a number", "remove the '!!float' tag"),
    ("x: !!bool maybe\n", 2, 4, "'maybe' is not true or false, which its '!!bool' tag requires",
     f'{QUOTE}, e.g. "maybe"'),
    ("x: !!bool ''\n", 2, 4, "the empty value is not true or false", "remove the '!!bool' tag"),
    ("x: !!timestamp nope\n", 2, 4, "'nope' is not a date, which its '!!timestamp' tag requires",
     "remove the '!!timestamp' tag"),
    ("x: !!timestamp 2025-02-30\n", 2, 4, "'2025-02-30' is not a date", "remove the '!!timestamp' tag"),
    ("x: !!timestamp 2025-13-01\n", 2, 4, "(month must be in 1..12)", QUOTE),
    ("x: !!timestamp 2025-01-01 25:00:00\n", 2, 4, "(hour must be in 0..23)", QUOTE),
    ("x: !!binary a\n", 2, 4, "'a' is not base64 data, which its '!!binary' tag requires", "remove the '!!binary' tag"),
    ("x: !!binary '%%%a'\n", 2, 4, "'%%%a' is not base64 data", f'{QUOTE}, e.g. "%%%a"'),
    ("x: !!binary é\n", 2, 4, "'é' is not base64 data", QUOTE),
    ("x: !<tag:yaml.org,2002:int> abc\n", 2, 4, "which its '!<tag:yaml.org,2002:int>' tag requires",
     "remove the '!<tag:yaml.org,2002:int>' tag"),
    ("%TAG !e! tag:yaml.org,2002:\n---\nx: !e!int q\n", 4, 4, "'q' is not a whole number, which its '!e!int' tag",
     "remove the '!e!int' tag"),
    ('x: !!int "say \\"hi\\""\n', 2, 4, "'say \"hi\"' is not a whole number", f'{QUOTE}, e.g. "say \\"hi\\""'),
    ("x: !!int " + "a" * 60 + "\n", 2, 4, "'" + "a" * 40 + "...' is not a whole number", QUOTE),
    # scalar tags on lists and mappings
    ("x: !!int [1]\n", 2, 4, "the '!!int' tag needs a single value, not a list", "remove the '!!int' tag"),
    ("x: !!str {a: 1}\n", 2, 4, "the '!!str' tag needs a single value, not a mapping", "remove the '!!str' tag"),
    ("x: !!null\n  - a\n", 2, 4, "the '!!null' tag needs a single value, not a list", "remove the '!!null' tag"),
    # bad values in lists, keys and nested mappings: the value's own line and column
    ("title: ok\nlist:\n  - [a, !!int abc]\n", 4, 9, "'abc' is not a whole number", "remove the '!!int' tag"),
    ("sources:\n  - url: u\n    n: !!float x\n", 4, 8, "'x' is not a number", "remove the '!!float' tag"),
    ("{a: 1, !!int abc: 1}\n", 2, 8, "'abc' is not a whole number", "remove the '!!int' tag"),
    ("? !!bool maybe\n: 1\n", 2, 3, "'maybe' is not true or false", "remove the '!!bool' tag"),
    ("!!int abc: 1\n", 2, 1, "'abc' is not a whole number", "remove the '!!int' tag"),
    ("!!int abc\n", 2, 1, "'abc' is not a whole number", "remove the '!!int' tag"),
    # characters the YAML reader refuses (read_text lets them through), and lone surrogates
    ("a: x\x80y\n", 2, 5, "invisible control character U+0080", "delete the invisible character"),
    ("é: b\nc: x\x9f\n", 3, 5, "invisible control character U+009F", "delete the invisible character"),
    ("a: &x b\nc: \x7f\n", 3, 4, "invisible control character U+007F", "delete the invisible character"),
    ("a: \ud800\n", 2, 4, "invisible control character U+D800", "delete the invisible character"),
    # values YAML tags on its own, and unknown tags after a value quoted over two lines
    ("a: =\n", 2, 4, "could not determine a constructor", f'{QUOTE}, e.g. note: "="'),
    ('a: "multi\n  line"\nb: !foo x\n', 4, 4, "could not determine a constructor", "remove the '!' tag"),
]


@pytest.mark.parametrize("text, line, column, message, hint", BAD_SCALARS)
def test_bad_scalars_are_located_problems_with_a_fix(text, line, column, message, hint):
    for loader_class in LOADERS:
        data, problems = parse_yaml(text, "f.md", 1, loader_class)
        assert data is None, loader_class
        [problem] = problems
        assert (problem.path, problem.line, problem.column) == ("f.md", line, column), problem
        assert message in problem.message, problem
        assert hint in problem.hint, problem


GOOD_SCALARS = ["x: 0o_\n", "x: 0_\n", "x: 1_\n", "x: 1:2:x\n", "x: 190:20:x\n", "x: 1:60\n", "x: 0b\n", "x: 0x\n",
                "x: ._\n", "x: !!int 1_:2\n", "x: !!null x\n", "x: !!binary\n", "x: !!float 1e400\n", "x: !!str 0x_\n",
                "x: '0x_'\n", "x: !!int '7'\n", "x: " + "9" * 4300 + "\n"]


@pytest.mark.parametrize("text", GOOD_SCALARS)
def test_odd_but_valid_scalars_still_read(text):
    for loader_class in LOADERS:
        data, problems = parse_yaml(text, "f.md", 1, loader_class)
        assert problems == [] and "x" in data.data, (text, problems)
        assert data.positions[("x",)] == (2, 1)


SCALAR_FRAGMENTS = ["0b_", "0x_", "0o_", "+0b", "-0x", "0b", "_", ".", "e", "1:2:x", "190:20:30", ":", "abc", "maybe",
                    "nope", "%%%", "YQ", "aGVsbG8=", "2025-13-01", "2025-01-01 25:00:00", "'", "''", "=", "<<",
                    "!!int ", "!!float ", "!!bool ", "!!null ", "!!timestamp ", "!!binary ", "!!str ", "!!set ",
                    "!!omap ", "!!pairs ", "!!seq ", "!!map ", "!!merge ", "!!value ", "!<tag:yaml.org,2002:int> ",
                    "%TAG !e! tag:yaml.org,2002:\n---\n", "!e!int ", "9" * 4301]
# Any characters, also those the YAML reader refuses (U+007F to U+009F) and lone surrogates.
FILE_TEXT = st.text(max_size=40)


@pytest.mark.parametrize("text, line, tag", [("\u2028!!float", 3, "!!float"), ("a: 1\u2029b: !!int x", 3, "!!int"),
                                             ("a: 1\x85b: !!int x", 3, "!!int"), ("a: 1\r\nb: !!int x", 3, "!!int"),
                                             ("a: 1\rb: !!int x", 3, "!!int")])
def test_a_tag_after_any_yaml_line_break_is_named_in_the_problem(text: str, line: int, tag: str):
    """YAML also breaks lines at U+0085, U+2028 and U+2029: the tag is still found on its line."""
    data, problems = parse_yaml(text, "f.md", 1)
    assert data is None and len(problems) == 1
    assert problems[0].line == line and f"'{tag}'" in problems[0].message and f"remove the '{tag}' tag" in problems[0].hint


@pytest.mark.parametrize("text, line, hint", [
    ("a: 1\u2028b: @x", 3, "a value that starts with '@' must be in quotes"),
    ('a: 1\u2029b: "open\u2029c: 2', 3, "end the value with the same quote mark"),
])
def test_a_syntax_error_after_any_yaml_line_break_gets_the_hint_for_its_own_line(text: str, line: int, hint: str):
    data, problems = parse_yaml(text, "f.md", 1)
    assert data is None and len(problems) == 1
    assert problems[0].line == line and hint in problems[0].hint


@settings(max_examples=500, **HYPOTHESIS)
@given(text=st.one_of(FILE_TEXT, st.lists(st.one_of(st.sampled_from(FRAGMENTS + SCALAR_FRAGMENTS), FILE_TEXT),
                                          max_size=25).map("".join)))
def test_parse_yaml_gives_a_value_or_located_problems_and_never_raises(text):
    for loader_class in LOADERS:
        data, problems = parse_yaml(text, "f.md", 1, loader_class)
        assert all(isinstance(p, Problem) and p.line is not None and p.hint for p in problems), problems
        if data is None:
            assert problems
