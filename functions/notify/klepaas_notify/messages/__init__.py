"""What a message says and where it goes: the words (Korean or English), the Jinja2 templates,
a deployment folded from its events, and the channel chosen for it."""
