from site_builder.yamlfile import locate, parse_yaml, read_text


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
