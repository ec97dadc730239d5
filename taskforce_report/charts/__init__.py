"""CHART: chart specs drawn as SVG with Matplotlib, through a content-addressed cache."""
