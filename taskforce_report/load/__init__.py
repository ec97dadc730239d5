"""LOAD: a bundle folder (and its course and theme) read once into validated models; every input
error names its file, line or row and key."""
