// The rapport command line (placeholder until the CLI lands).
