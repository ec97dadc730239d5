"""Tools beside the pipeline: importers of old reports, Word drafts and Danmarks Statistik tables,
scaffolding, the preview server and batch builds."""
