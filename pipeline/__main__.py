"""`python -m wirefacts` runs the wirefacts command line."""

from wirefacts.cli import app

app(prog_name="wirefacts")
