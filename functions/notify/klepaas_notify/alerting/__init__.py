"""Alerts: payloads received (Alertmanager, Cloud Monitoring), records kept per fingerprint, and
the console's snapshot report of one alert."""
