"""Evaluation: gold readers and metrics (HTML extraction, NLP, actors, events)."""
