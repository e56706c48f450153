"""Configuration of the application: app_cfg.py (settings) and application.py (factory)."""
