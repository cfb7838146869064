"""`python -m pipeline` runs the wirefacts command line."""

from pipeline.cli import app

app(prog_name="wirefacts")
