"""Content: from the files an editor writes to the linked ``Site`` templates read.

Reading files and YAML with positions, the frontmatter schema and typed fields,
``site.yaml``, the knowledge base, resolving names, checks across files, the
editor's desk rules and the linked ``Site``. Nothing here knows about HTML.
"""
