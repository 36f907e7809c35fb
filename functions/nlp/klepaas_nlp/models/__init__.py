"""The model ensemble: Claude, GPT and Gemini asked in parallel under one deadline, above the rules.

Importing this package loads no SDK: each provider module imports its SDK when its client is
first made, once per instance. `records` keeps each model's track record in the store.
"""
