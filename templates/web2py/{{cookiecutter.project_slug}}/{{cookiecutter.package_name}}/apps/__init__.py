"""The apps folder: py4web imports it as ``apps`` and each subfolder as one app."""
