"""The console's read models: details, status, lists, the overview, usage, monitoring and the
deployment history in the console's shapes; :mod:`.reads` answers the read operations."""
