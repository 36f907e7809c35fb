"""Deployments in Slack: one message per deployment kept up to date, and approvals of held
deploys (the request, the buttons, the decision)."""
