"""Scoring newsdigest against gold data, next to the off-the-shelf baselines."""
