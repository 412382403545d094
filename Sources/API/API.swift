// The API module; see ARCHITECTURE.md.
