"""Output: rendered pages become a published folder, whole or not at all.

Fingerprinted static files, rendering only what changed and writing only what
differs, the Pagefind search index, and the swap that publishes a build.
"""
