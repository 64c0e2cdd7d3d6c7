"""Reading a document into pages of words: PDF text layers, page images and OCR, Word files."""
