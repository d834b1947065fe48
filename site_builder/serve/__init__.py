"""Preview: serve a build on localhost, watch files, apply edits, reload browsers."""
