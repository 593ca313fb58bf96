"""What it means: answers and data findings become risks, area scores, a verdict and an action plan."""
