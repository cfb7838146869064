"""Rule patterns and gazetteers shipped with wirefacts (installed as pipeline.models)."""
