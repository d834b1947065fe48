"""machine.meminfo: fields of /proc/meminfo in bytes."""

from __future__ import annotations

import sys

import pytest

from site_builder.machine import meminfo


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/meminfo is Linux's")
def test_memory_fields_come_in_bytes() -> None:
    total, available = meminfo("MemTotal"), meminfo("MemAvailable")
    assert total is not None and available is not None
    assert 0 < available <= total and total > 64 << 20
    assert meminfo("NoSuchField") is None
