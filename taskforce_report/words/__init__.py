"""The generated Danish sentences, fed the typed results of the analysis."""
