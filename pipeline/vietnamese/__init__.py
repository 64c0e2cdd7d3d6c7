"""Vietnamese text: Unicode forms, syllables, legacy encodings, dates and numbering as offices write them."""
