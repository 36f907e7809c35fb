"""Talking to Slack: the Web API with a bot token, an incoming webhook or the log (console mode),
paced per channel, with Slack's answers mapped onto the shared errors."""
