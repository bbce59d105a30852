"""Speed benchmark of the pure linking engine (``python -m bench.linking_speed``)."""
