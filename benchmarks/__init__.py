"""Speed-at-scale measurements of the dashboard: a synthetic warehouse, a floor app, a naive app, the harness."""
