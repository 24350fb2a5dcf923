"""Moving records between databases: a whole database copied from one to another."""
