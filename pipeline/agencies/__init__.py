"""Agency names: the gazetteer, splitting lists, matching names to canonical forms and their successors."""
