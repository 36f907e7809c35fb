"""klepaas_nlp: the nlp function's own package."""
