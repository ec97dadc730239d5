"""PDF and the other output files: WeasyPrint, Word, the embedded archive (manifest, regenerate,
verify)."""
