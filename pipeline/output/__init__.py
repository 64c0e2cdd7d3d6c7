"""A batch's outputs: CSV, XLSX and JSON tables, their schema, typed frames, review pages."""
