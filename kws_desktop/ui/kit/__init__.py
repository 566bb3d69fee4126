"""What every page shares: the app context, the page base, lazy table models, form fields, widgets,
the print preview, tooltips and background tasks."""
