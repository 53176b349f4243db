"""Command-line subcommands, one module per feature; each module has `register(subparsers)`.

A subcommand's handler takes the parsed arguments and a `CommandContext` and returns the exit
status. Handlers only see the core's `SessionStore` protocol: the composition root (`cli.py`)
decides which database that is.
"""
