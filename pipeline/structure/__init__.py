"""Layout into a plan: sections, header metadata, the body's outline, task tables, tasks."""
