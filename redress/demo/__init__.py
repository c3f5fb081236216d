"""Demo data: a believable county with a year of grievances, built through the services."""
