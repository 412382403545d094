// The Accounts module: users, sessions, API keys.
