"""How well each event is sourced: documents, and documents from independent origins (wire copies counted once)."""
