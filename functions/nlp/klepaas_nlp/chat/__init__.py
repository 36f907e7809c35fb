"""The chat: a turn (N1) and a confirmation (N2), pending mutations waiting for a yes, sessions,
the stored command history, and the cost estimate shown before a mutation."""
