"""The room's side of the app in Qt: the join screen and incident-flow view on the projector,
the console's proposals queue, and the switch that starts and stops the room's server."""
