"""Action items: adding and tracking them (`items`) and the specific test (`check`)."""
