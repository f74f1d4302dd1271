"""Rasa input channels for the public: bodies checked, text screened by bot.guard, never a silent turn."""
