"""Words into layout: lines of text, ruled tables and their cells."""
