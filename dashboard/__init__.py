"""Code the dashboard pages share: the warehouse connection and its queries."""
