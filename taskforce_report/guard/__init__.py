"""The personal-data guard, run on the bundle's files, the rendered text and every attached byte."""
