"""The output folder's ``_redirects`` (Netlify's format), followed by the preview as Netlify follows it.

The build writes a line for each address the site no longer has and the page
that now shows its content (``/actors/x/timeline/ /actors/x/ 301``), so that
old links and bookmarks keep working; the preview answers those addresses with
the same redirect, so a link that works deployed works in preview too.
"""

from __future__ import annotations

from pathlib import Path

STATUSES = {"301": 301, "302": 302, "307": 307, "308": 308}


def redirect_for(output: Path, path: str) -> tuple[str, int] | None:
    """Where ``_redirects`` sends ``path`` (with or without its trailing slash), and the status; None if nowhere.

    Only site paths are followed (``/...``, never ``//host``), so the file cannot send a reader elsewhere.
    """
    try:
        text = (output / "_redirects").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    wanted = path.rstrip("/") or "/"
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 2 or fields[0].startswith("#") or (fields[0].rstrip("/") or "/") != wanted:
            continue
        target = fields[1]
        if target.startswith("/") and not target.startswith("//"):
            return target, STATUSES.get(fields[2] if len(fields) > 2 else "301", 301)
    return None
