"""Cash: the Kas & Bank area."""
