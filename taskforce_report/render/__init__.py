"""RENDER: the document's structure (chapters, numbering) and the HTML, through Jinja2 and the
theme's templates."""
