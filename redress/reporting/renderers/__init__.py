"""One renderer per format, each from the same Report."""
