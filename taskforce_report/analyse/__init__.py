"""NORMALISE and ANALYSE: the bundle's tables as typed DataFrames, then the figures, tallies and
facts each document reports."""
