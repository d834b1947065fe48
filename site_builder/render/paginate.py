"""Split long listings into numbered pages: /x/, /x/page/2/, /x/page/3/ ..."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class Pager:
    number: int
    total: int
    items: Sequence
    base: str  # URL of page 1, ending in "/"

    def url_of(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def url(self) -> str:
        return self.url_of(self.number)

    @property
    def prev_url(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.total else None

    @property
    def output_path(self) -> str:
        return self.url.lstrip("/") + "index.html"


def paginate(items: Sequence, per_page: int, base: str) -> list[Pager]:
    total = max(1, -(-len(items) // per_page))
    return [Pager(n + 1, total, items[n * per_page:(n + 1) * per_page], base) for n in range(total)]
