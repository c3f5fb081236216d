"""Detectors: pure functions over a count table (series x days, oldest first) that score each
series on each day using only that day and earlier ones."""
