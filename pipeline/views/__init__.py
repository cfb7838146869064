"""Ways to look at records: tables (export) and an HTML page (show)."""
