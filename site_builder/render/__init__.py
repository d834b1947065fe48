"""Render: the ``Site`` becomes pages (path and bytes) through the Jinja theme.

The template environment, markdown bodies, the list of pages and their
pagination, the data exports, pictures, and the render keys that tell which
pages an edit touches. Nothing here writes to disk.
"""
