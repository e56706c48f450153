"""The apps folder of the minimal py4web app: py4web imports it as ``apps``."""
