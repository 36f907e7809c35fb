"""klepaas_shared: what two or more K-Le-PaaS functions use."""

import os

# pydantic looks for plugins the first time it builds a model: it lists the entry points of every
# installed distribution, several milliseconds of a cold instance's first request (issue 19). No
# function uses a pydantic plugin; an operator who sets the variable still decides.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
