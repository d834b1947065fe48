"""``site.yaml``: the site's settings, typed and validated with precise errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from site_builder.errors import Problem, display_path
from site_builder.content.fields import FieldReader
from site_builder.content.load import read_yaml_file

CONFIG_FIELDS = ("title", "description", "base_url", "language", "per_page", "author")


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Interference Watch"
    description: str = "Briefings on foreign interference in elections."
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    per_page: int = 10
    author: str = ""

    @property
    def base_path(self) -> str:
        """Path part of the base URL, e.g. "/" or "/briefings-site/"."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def absolute(self, url: str) -> str:
        """Absolute URL for a site path such as "/countries/czechia/"."""
        return self.base_url.rstrip("/") + "/" + url.lstrip("/").removeprefix(self.base_path.lstrip("/"))


def under_base(base_path: str, path: str) -> str:
    """A path from the site's root ("/countries/czechia/") where the site is published
    ("/watch/countries/czechia/" for base path "/watch/")."""
    return base_path + path.lstrip("/")


def check_base_url(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return f"base_url must be a full http(s) address like https://example.org/, found {value!r}"
    return None


def load_config(content_dir: Path, base_url: str | None = None) -> tuple[SiteConfig, list[Problem]]:
    path = content_dir / "site.yaml"
    if not path.exists():
        config = SiteConfig()
        problems: list[Problem] = []
    else:
        data, problems = read_yaml_file(path, content_dir)
        if data is None:
            return SiteConfig(), problems
        config, more = _read(data.data or {}, FieldReader(display_path(path), data.positions))
        problems += more
    if base_url:
        message = check_base_url(base_url)
        if message:
            return config, problems + [Problem("--base-url", message, hint="pass e.g. --base-url https://example.org/")]
        config = SiteConfig(**{**config.__dict__, "base_url": base_url if base_url.endswith("/") else base_url + "/"})
    return config, problems


def _read(data: object, r: FieldReader) -> tuple[SiteConfig, list[Problem]]:
    if not isinstance(data, dict):
        r.error((), "site.yaml must be 'key: value' lines", hint=f"known settings: {', '.join(CONFIG_FIELDS)}")
        return SiteConfig(), r.problems
    r.unknown_keys(data, (), CONFIG_FIELDS)
    defaults = SiteConfig()
    base_url = r.text(data, ("base_url",), required=True) or defaults.base_url
    message = check_base_url(base_url)
    if message:
        r.error(("base_url",), message, hint="write e.g. base_url: https://example.org/")
        base_url = defaults.base_url
    per_page = data.get("per_page", defaults.per_page)
    if isinstance(per_page, bool) or not isinstance(per_page, int) or not 1 <= per_page <= 500:
        r.error(("per_page",), f"per_page must be a whole number from 1 to 500, found {per_page!r}", hint="e.g. per_page: 10")
        per_page = defaults.per_page
    language = r.text(data, ("language",)) or defaults.language
    if not language.replace("-", "").isalpha() or len(language) > 12:
        r.error(("language",), f"language must be a language tag like en or en-GB, found {language!r}", hint="e.g. language: en")
        language = defaults.language
    config = SiteConfig(
        title=r.text(data, ("title",), required=True) or defaults.title,
        description=r.text(data, ("description",)) or defaults.description,
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        language=language,
        per_page=per_page,
        author=r.text(data, ("author",)),
    )
    return config, r.problems
